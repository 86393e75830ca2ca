#ifndef THIDUA_CHEIF_SHIM_H
#define THIDUA_CHEIF_SHIM_H
// libheif: the HEIC/HEIF photos iPhones take by default.
#include <libheif/heif.h>
#endif
