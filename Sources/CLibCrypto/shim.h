// The system's libcrypto (OpenSSL 3): EVP digests (SHA-256), scrypt for dashboard
// password hashes, the CSPRNG and a constant-time comparison.
#ifndef THIDUA_CLIBCRYPTO_SHIM_H
#define THIDUA_CLIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#endif
