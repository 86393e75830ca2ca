#ifndef THIDUA_CSPNG_SHIM_H
#define THIDUA_CSPNG_SHIM_H
// libspng: PNG decoding with return codes (libpng's errors need setjmp).
#include <spng.h>
#endif
