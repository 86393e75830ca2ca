#ifndef THIDUA_CQPDF_SHIM_H
#define THIDUA_CQPDF_SHIM_H
// qpdf's C API: PDF structure (pages, /Rotate, resources, AcroForm) and page images'
// streams, undecoded or decoded by qpdf's own filters.
#include <qpdf/qpdf-c.h>
#endif
