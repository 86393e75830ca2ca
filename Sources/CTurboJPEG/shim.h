#ifndef THIDUA_CTURBOJPEG_SHIM_H
#define THIDUA_CTURBOJPEG_SHIM_H
// libjpeg-turbo's TurboJPEG API: errors come back as return codes (libjpeg's own API
// reports them through setjmp/longjmp, which Swift cannot take part in).
#include <stddef.h>
#include <turbojpeg.h>

// TJSCALED is a macro and does not import: the size of a dimension decoded at num/denom.
static inline int thidua_tj_scaled(int dimension, int num, int denom) {
    return (dimension * num + denom - 1) / denom;
}
#endif
