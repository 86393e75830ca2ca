#ifndef THIDUA_CTESSERACT_SHIM_H
#define THIDUA_CTESSERACT_SHIM_H
// Tesseract's plain C API, for its types only: the library is opened with dlopen at first use
// (see TesseractLibrary.swift), never linked, so that OMP_THREAD_LIMIT is set before the
// OpenMP runtime it pulls in reads its environment.
#include <tesseract/capi.h>
#endif
