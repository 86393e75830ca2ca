"""Pictures in school mail: the scanned page (white paper, grey text lines, red seal, blue
signature) and JPEG, PNG and TIFF files, real or only shaped like one.

Random bytes are drawn the way each generator has always drawn them (getrandbits(8) per
byte, randrange(256) per byte, or randbytes): the draws differ, and changing one would
change every byte after it.
"""

import base64
import math
import struct
import zlib

# A small baseline JFIF JPEG (210x297, a "scanned" page with a red seal), made once from the page
# that draw_page(210, 297, random.Random(7)) draws, written with ppm() and encoded by libjpeg-turbo:
# `cjpeg -quality 45 -optimize -baseline page.ppm`. Embedded so the generators need nothing but Python.
JPEG_B64 = (
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABIMDRANCxIQDhAUExIVGywdGxgYGzYnKSAsQDlEQz85Pj1HUGZXR0thTT0+WXla"
    "YWltcnNyRVV9hnxvhWZwcm7/2wBDARMUFBsXGzQdHTRuST5Jbm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5u"
    "bm5ubm5ubm5ubm5ubm7/wAARCAEpANIDASIAAhEBAxEB/8QAGgABAAIDAQAAAAAAAAAAAAAAAAQFAgMGAf/EAEkQAAAEBAMC"
    "CgcFBQYHAQAAAAABAgMEBRESExQhMUEGFRYiIzJRVdHSJFRWYZGjpHGBkpOUJjNlZuM0QlJiocElY2RzseHwov/EABgBAQEB"
    "AQEAAAAAAAAAAAAAAAABAgME/8QAJBEBAAICAgEDBQEAAAAAAAAAAAECAxEhMRKxwfAzQVFh4fH/2gAMAwEAAhEDEQA/AO23"
    "0HoAIAAI0dHw0vZJ2Lcw0Gq0jtM9du77AEkBU8p5R638tfgHKeUet/LX4ALYBU8p5R638tfgHKeUet/LX4ALYBUFwmlCSIii"
    "z07W1n/sPeU8o9b+WvwAWwCHAzODmV+TexMOl3NUmldm0vcJgAAhTGbwUqw889hYlbOYpVaUrsI+0hC5WyT135S/ABdAKXlb"
    "JPXflL8A5WyT135S/ABdAKXlbJPXflL8A5WyT135S/ABdAKXlbJPXflL8A5WyT135S/ABdAKXlbJPXflL8A5WyT135S/ABdA"
    "KXlbJPXflL8A5WyT135S/ABdANbDyIhht5pVzbiSWk6UqRlUhsAAAAAAABAnEe/LoVLsNBORizWSTbbrUioZ10I+z/UU/KiZ"
    "+zkZ8VeQdOADmOVEz9nIz4q8gcqJn7ORnxV5B0xVpqZH9hDVEIiF25d1tum29s1V7NiiFHPcqJn7ORnxV5A5UTP2cjPiryC8"
    "w5h61C/plecMOYetQv6ZXnAUfKiZ+zkZ8VeQOVEz9nIz4q8g6BhEUlZnEPMrTTQkNGg6/aajG8BzHKiZ+zkZ8VeQWklmkTMs"
    "bNS16Cw7bcSvPrWtKkWyn+oswEGiJg4aLtzUOy9bW3EQSqV20qNPE0s7ug/yE+AmgA5mcnDy6LQzD8GWoxKkErEbZKhHU9NE"
    "HrpUQs//ACX8n+mOzGh9EUpZHDvMoTTUltGs6/aSiFHJ5/8Akv5P9MM//Jfyf6Y6jDmHrUL+mV5ww5h61C/plecBy+f/AJL+"
    "T/TDP/yX8n+mOow5h61C/plecMOYetQv6ZXnAcvn/wCS/k/0wz/8l/J/pjqMOYetQv6ZXnEhonCbInlJWveaE2kf3VP/AMgK"
    "uWwEDGwLb78lhoZxdatLYTVNDMt6S7K7N4lcTSzu6D/IT4CaAgwQlLSENtoJKElaRJIiJJEXZ2DMAAAAAAAAAEaOgIaYMk1F"
    "t4iCVcRXGWuzd9okgAqeTEo9U+YvxDkxKPVPmL8RbAAqeTEo9U+YvxDkxKPVPmL8RbAAqOS8orXKn9mIvxE6BgIaXsm1CN4a"
    "DVcZXGeuzf8AYJBnQjMiM6bi3j0AAAAAAAGiKgoeMaJqIbvQSriKplr932mInJ+W+rfMV4iyABW8n5b6t8xXiHJ+W+rfMV4i"
    "yABW8n5b6t8xXiHJ+W+rfMV4iyABWFIJbQqw2vucV4hxBLa0yv34ivEWY811AV3J+W+rfMV4jfCSuDgnTchmbFmVpncZ6fef"
    "uEsAAAAAAAAAAAAAAAAB4REWwqAPQAAAAAAAUvCOZTOX5fiuDzN92J0Sl20pTqnptP4Ck5R8Ju5/pXfEB2oDiuUfCbuf6V3x"
    "DlHwm7n+ld8RR2oDiuUfCbuf6V3xE6TTuexc0ZYjpbgQ6rr3MBxNKJMy1M6baAOnHhnQjM66dhVHoCAAAADwjqVR6AAAAAAA"
    "AAAAAPKa1r9w9AAAAABFmS4tuBcXL2kOxJUsQs6EepV3lurvEoea12FQBzWe4Wd1wn4i84Z7hZ3XCfiLzjphqimlPwrzTbht"
    "LcQpKXE7UGZUqX2AOez3CzuuE/EXnDPcLO64T8Receq4NTNSjUfCKKqZ10JRF8Lx5yYmXtFF/BXnFDPcLO64T8RecM9ws7rh"
    "PxF5w5MTL2ii/grzhyYmXtFF/BXnADjuFhFU5ZBkRf5y84FH8LDM/wDhcJp/mLzhyYmXtFF/BXnDkxMvaKL+CvOAZ7hZ3XCf"
    "iLzhnuFndcJ+IvOHJiZe0UX8FecOTEy9oov4K84BnuFndcJ+IvOGe4Wd1wn4i84cmJl7RRfwV5w5MTL2ii/grzgGe4Wd1wn4"
    "i84Z7hZ3XCfiLzi4k8A/L4VTUTGuRizWaiccrUioRU1M+z/UTgEGTuzF6FUqasNsPEsySls6kaaFrtPfUTgAQAHhmRFUzoRD"
    "0AAAAAAAAAAAAAAAEFMVHG9EJVLrUNpUbS8dJ4plsKm6vv2CPxhN+5Pq0eAC2AVzkZMUw7K0Su91d2I3mElh0PTXfUIuMmLU"
    "QpEPK8doqWuZhKbtOwwFhTWu8eivcjJimGaWiWXOquvax08yh6a76lqNPGE37k+rR4ALYBEVERZRD6EwVzSGzU25ikWIqhc2"
    "m7fqfYInGE37k+rR4ALYBXORkxTDsrRK73V3YjeYSWHQ9Nd9RsTExxtwyjl5EpxVHU45dEVduznaa6AJoCCmKjjeiEql1qG0"
    "qNpeOk8Uy2FTdX37BH4wm/cn1aPABbAK6LjJi1EKRDyvHaKlrmYSm7TsMM5McnicV9PiW4OYT1ada7Zt0oAsQFdERkxbwsGV"
    "41zZKX6QlNit6ddtO0bFxMcTkOSZeSkOEk3VY5FhGe0qU1p7toCaAq3o6aIeWlqT4iCUZJXmUlcW46bhm3GTFUO8tcrsdRbh"
    "t5hJ4lT113UAWICrZjpot5CXZPhoNREpeZSdpbzpvG44qOJMSZS6ptqImSx09MVaV/y6a6gJwDBlS1soU6jDWaSNSK1tPeVd"
    "4zAAAAAAAAHOxUHwoVFPKhpjCoYNajbSpJVJNdCPmdg6IVb3B2VvvLddhbluKNSjxFFUz1PeArMjwt70g/wl5AyPC3vSD/CX"
    "kG5yK4Ow62WFrtVAuKw00cOxV1T+3UveEPydiox2KZ5z7VYlaukKlDqaqHpt3CjTkeFvekH+EvIGR4W96Qf4S8gkPOyBuEW6"
    "6dGZio1KOjnSGlVT95an7hC/ZH/7GAbcjwt70g/wl5AyPC3vSD/CXkG6Z8nURCWI/R2HbS2Sek5qSKpFpt2hNeTvGLvGP9p0"
    "v/edhU2abKANOR4W96Qf4S8g6KFS8mFZTEqJb5ISTik7DVTUy+8UbnJ2PhzfX0jUG2hs1dIVia0SXvGluK4LtQ7zCF0aftxE"
    "0d51DqQDpwHPfs7xP/0WP/zP3lvx2fcIn7I//YwDrAETiuE4xz+D6T/juPspsrTYInJiUeqfMX4iC2AVzcilzUO8wiHo0/bi"
    "JvVzqHUt4Q8il0Li4MPbitm2vnqOqT2lqYCxAVPJiUeqfMX4ja5Ipc7DssLh6tMXYab1c2p1PeAsQFTyYlHqnzF+I2xEil0V"
    "hY0PdhNk2jnqKiS2FoYCwI6j0ROK4TjHP4PpP+O4+ymytNgicmJR6p8xfiAtgGDLSGGUNNFahtJJSVa0ItCGYAAAAAAAArH4"
    "2aIdUlqUk6gjMkrzKSqVdDoZadv3izABXREZMW8LBleNc2Sl+kJTYrenXbTtByMmKIZlaJXiOruxG8wksPXTXfUhg9AzRby1"
    "NTjDQajNKMsk7S3FXeM4iDmLmFgzTBtbJK/R0qvVvVrsr2Cg5GTFMOytErvdXdiN5hJYdD0131CIjJi3hYMrxrmyUv0hKbFb"
    "067adoRUJMHn1OQ01wGlUtby6V007T29oNwcxTDvIXNL3V24bmXSWHQ9dN9QGrjCb9yfVo8BtiIyYt4WDK8a5slL9ISmxW9O"
    "u2naMGYGaIeQp2cYiCURqRlklcW8q7huOFjjTEkUxobiiNk8BPQlWtP82mmoDxcXHpdYSmW3oWlJuqJ9JYZntKm+n+o1PR00"
    "Q8tLUnxEEoySvMpK4tx03DHi+b99/SI8RtycxyeHxp0+JdjZdPVp1bdm3WoBDxkxcxcaV4NrZqR6QlV6tydNle0ISMmLsQlE"
    "RK8Bo63OZhKrdOwgiIOYuYWDNMG1skr9HSq9W9WuyvYEJBzFqISuImmO0Vbm8ulN2naQDVxhN+5Pq0eA25yY5PE4r6fEtwcw"
    "nq0612zbpQauL5v339IjxG1uDmKYd5C5pe6u3Dcy6Sw6HrpvqAwZjpot5CXZPhoNREpeZSdpbzpvB6OmiHlpak+IglGSV5lJ"
    "XFuOm4ZwkHMWohK4iaY7RVuby6U3adpDVxfN++/pEeIDbERkxbwsGV41zZKX6QlNit6ddtO0auMJv3J9WjwG2Lg5i7EKXDzT"
    "AaOlreXSq3TtMauL5v339IjxAbYiMmLeFgyvGubJS/SEpsVvTrtp2hDxkxcxcaV4NrZqR6QlV6tydNle0IuDmLsQpcPNMBo6"
    "Wt5dKrdO0wcg5iqHZQiaWOouxHMuk8Sp6abqAEJGTF2ISiIleA0dbnMwlVunYQ1cYTfuT6tHgPCl843zr6VA3RcHMXYhS4ea"
    "YDR0tby6VW6dpgJzKlrZQp1GGs0kakVrae8q7xmMGUrQyhLq8RZJIlLpS49503DMQAAAAB5TWuvxHoDwz2aV/wBhzMXyXzj2"
    "Z/f4isT971q67NNo6cVb0dNEPLS1J8RBKMkrzKSuLcdNwCFF8nY1CplEc9K3CbU50hVUSdlC9xdgQfJ1yHi2IXVpTeI8npOq"
    "g6117K7hYNxkxVDvLXK7HUW4beYSeJU9dd1Ah4yYuYuNK8G1s1I9ISq9W5OmyvaKKluF4Luw7z6EVaYtxFVd5tToQNxXBdqH"
    "eYQujT9uImjvOodSFjxhN+5Pq0eA2w8ZMXMXGleDa2akekJVercnTZXtAVTkJwYbhmohbZk07caFVdOtDof2anvG2L5OwSFS"
    "2I5iUOE4pvpDoo07al7j7RL4wm/cn1aPAbYuMmLUQpEPK8doqWuZhKbtOwwERiKkSqR7S65FtLZLo5zEnUiKm/afaIkRC8F4"
    "XCxkW4rZOI1dOqT2HoLZyMmKYdlaJXe6u7EbzCSw6HprvqNXGE37k+rR4AIieTspiGH09E6psnG1dIqqVEZV3+/aNLkLwXah"
    "2X1oo0/dhqq7zqHQx0jKlrZQp1GGs0kakVrae8q7xmA55PJ2UxDD6eidU2TjaukVVKiMq7/ftEZl3gow8h1o7VtqJSTo6dDL"
    "Uh1QAObjmuDSHidiyouJTjkdXecSta6bBmnk7KYhh9PROqbJxtXSKqlRGVd/v2joQAcw3C8F3Yd59CKtMW4iqu82p0IZwrvB"
    "pSVwUOekUpCVIo7zjI+bqezUx0gAOVea4KMPLadK1bajSoqunQy0MSf2d4n/AOix/wDmfvLfjs+4dCADm1NcGpe9DuqLDWaU"
    "vtHV09NpH/pvCYNcGmY55MaVIg1XOFV3aeu7TeOkABgy6h9lDrR3IcSSknSlSPUhmACAAAAAAAAAACuycxzmJxp0GJdg5dPV"
    "r1btuzSowegZot5ampxhoNRmlGWSdpbirvEI4Xg7GzRxg0Xxa3FXJq4VVFU1e7cYQfJ1uHi34XRpLeG8rpOqs6U17abhRYQk"
    "HMWohK4iaY7RVuby6U3adpBCQcxaiEriJpjtFW5vLpTdp2kKmEheC8bEJYh0XurramrpVoVd/wBgNxXBdqHeYQujT9uImjvO"
    "odSAW2TmOTw+NOnxLsbLp6tOrbs261GDMDNEPIU7OMRBKI1IyySuLeVdwrG4Xgu7DvPoRVpi3EVV3m1OhCQpqQIZh5eoqIiV"
    "Jfabq5zjVzSOu77wEt6Bmi3lqanGGg1GaUZZJ2luKu8Zw8HMW8XGmmNc2aUejpTYrcrTbTsEGGk8gi3n2mGL1sKtcK9wrT1L"
    "eeuwxO4il2TyuX6DExLb1dalK1rXYANwcxTDvIXNL3V24bmXSWHQ9dN9Qh4OYt4uNNMa5s0o9HSmxW5Wm2nYEXIpdGxCn4iH"
    "vdXS5V6irQqbj9wNyKXNQ7zCIejT9uIm9XOodS3gEJBzJqJSuJmmO0Vat5dKbtO0tmoZOY5PD406fEuxsunq06tuzbrUauTE"
    "o9U+YvxG3iKXZPK5foMTEtvV1qUrWtdgA5BzFUOyhE0sdRdiOZdJ4lT003UCHg5i3i400xrmzSj0dKbFblabadg1cmJR6p8x"
    "fiNsXIpdGxCn4iHvdXS5V6irQqbj9wDVxfN++/pEeI2uQcxVDsoRNLHUXYjmXSeJU9NN1A4il2TyuX6DExLb1dalK1rXYEJI"
    "pdBRCX4eHsdRW1V6jpUqbz94A3BzFMO8hc0vdXbhuZdJYdD1031Gri+b99/SI8R4XBmTmRGUJUj/AOavxG6IkUuisLGh7sJs"
    "m0c9RUSWwtDAHIOYqh2UImljqLsRzLpPEqemm6g1cXzfvv6RHiNrcilzUO8wiHo0/biJvVzqHUt4OSKXOw7LC4erTF2Gm9XN"
    "qdT3gLEBgy0hhlDTRWobSSUlWtCLQhkVaFUyM99BB6AAAAAAPDrTTaPQABBOKjiTEmUuqbaiJksdPTFWlf8ALprqMHIyYph2"
    "Vold7q7sRvMJLDoemu+owegZot5ampxhoNRmlGWSdpbirvGcXBzF2IUuHmmA0dLW8ulVunaYoORkxTDsrRK73V3YjeYSWHQ9"
    "Nd9Rq4wm/cn1aPAbW4OYph3kLml7q7cNzLpLDoeum+o1cXzfvv6RHiA2xcZMWohSIeV47RUtczCU3adhhnJjk8Tivp8S3BzC"
    "erTrXbNulAbg5imHeQuaXurtw3MuksOh66b6hk5jk8PjTp8S7Gy6erTq27NutQByMmKYdlaJXe6u7EbzCSw6HprvqNXGE37k"
    "+rR4BxfN++/pEeImoZiUxzjq4q6HUmiWMMitPTW7aew/iAjxEZMW8LBleNc2Sl+kJTYrenXbTtByMmKYdlaJXe6u7EbzCSw6"
    "HprvqLEBBXNxkxVDvLXK7HUW4beYSeJU9dd1Bq4wm/cn1aPAWwAK5yMmKYdlaJXe6u7EbzCSw6HprvqDcZMVQ7y1yux1FuG3"
    "mEniVPXXdQWIAKnjCb9yfVo8BLzEXxjg5L0b1jFLsr1du3QSwAVzcZMVQ7y1yux1FuG3mEniVPXXdQauMJv3J9WjwFsACui4"
    "yYtRCkQ8rx2ipa5mEpu07DBuMmKod5a5XY6i3DbzCTxKnrruoLEAGDKlrZQp1GGs0kakVrae8q7xmAAAAAAAAADnn4rg60uM"
    "YeXRT7npCaOc5RKM/wDzXYOhHOxXCOYMRTzTcginUNrUlLibqLIjpUuZvAam4Xgu7DvPoRVpi3EVV3m1OhBERXBeKwsZd2E2"
    "TaNHSokthaByomfs5GfFXkDlRM/ZyM+KvIKN0Zydbh4RiK0aS3iMp6TqrOtdO2m8acrwXyeas6DEw7qu9alaU27A5UTP2cjP"
    "iryByomfs5GfFXkAZqj+DS3od1TlVwyUpaO13mknUvt+8Iprg0pKI2ILSKUtSV1d5xkfO0LZqYw5UTP2cjPiryDbC8I5g/FM"
    "tOSCKaQ4tKVOKuogjOlT5m4BiTXBqDTDRpFYS1GpldXTqaT7PcfaNLzvBR95brp3LcUalHR0qmepjqgAc9NeTvGLvGP9p0v/"
    "AHnYVNmmygyQ7IJFHOJQeBEEm1RUcVodD95dgvwAV0XPZdBRCmIiIsdRS5NijpUq7i94cey7J5rMdBiYd1iutStKUrsFiAgq"
    "eU8o9b+WvwG3j2XZPNZjoMTDusV1qVpSldgsQAV3HsuyeazHQYmHdYrrUrSlK7A49l2TzWY6DEw7rFdalaUpXYLEAFTynlHr"
    "fy1+A2xc9l0FEKYiIix1FLk2KOlSruL3ixABXNz2XOw7z6IirTFuIqxXNqdC3BCT2XRsQliHiL3V1tTYoq0Ku8vcLEAGDLqH"
    "2UOtHchxJKSdKVI9SGYAAAAAAAAAKt6Bmi3lqanGGg1GaUZZJ2luKu8Wggpk8Ch6IdSxRcSlSXTvVziVqe/T7gGERBzFzCwZ"
    "pg2tklfo6VXq3q12V7Ah4OYt4uNNMa5s0o9HSmxW5Wm2nYKxuB4MuxxwaG6xBKNNlzpalWuuzcYzb5OtSt5aNIR9xLbh9Jzl"
    "FziLtFEvi+b99/SI8Rth4OYt4uNNMa5s0o9HSmxW5Wm2nYK+J5O8XQeP/ZufgfvO3nbNdvaNMPFcF4XFwV24rZtr0dOqT2lq"
    "As2YGaIeQp2cYiCURqRlklcW8q7gegZot5ampxhoNRmlGWSdpbirvFZFwvBeCiFMRCLHUUuTV06VKu77Rug+TrcPFvwujSW8"
    "N5XSdVZ0pr203ALJcLHm/DqTMLW0JSTqMFPSmR6nXdX3bBjk5jnMTjToMS7By6erXq3bdmlRUw8VwXhcXBXbitm2vR06pPaW"
    "oZXgvk81Z0GJh3Vd61K0pt2ALlMLHE9EKVMbkOJUTSMBJYRnsOu+nv2jCHg5i3i400xrmzSj0dKbFblabadgr4zk65Dwj8Vq"
    "0pvDZV0nVQdKadld40xcVwXjYhT8Qu91dLlUdKtCpu+wBY8Xzfvv6RHiNsRBzFzCwZpg2tklfo6VXq3q12V7BAjFcHoVCpdF"
    "GaSQsnDbM3Doq0iLUvdTeNELC8GI2KQxDJJbi60TV0q0Ku0/cRgLaIg5i5hYM0wbWySv0dKr1b1a7K9gZOY5PD406fEuxsun"
    "q06tuzbrUVLkVwXdh2WFrq0xdhpo7zanUxu/Z2Fl3+GGjf8AuHfYfxKh/YAsMnMcnh8adPiXY2XT1adW3Zt1qMGYGaIeQp2c"
    "YiCURqRlklcW8q7hWORXBd2HZYWurTF2GmjvNqdTCIheC8LhYyLcVsnEaunVJ7D0AWb0DNFvLU1OMNBqM0oyyTtLcVd4zh4O"
    "Yt4uNNMa5s0o9HSmxW5Wm2nYK9zk67K2Vr1hGHFNtn0nNUfOMu0G+TsBDk+jo2oxtbZK6Q701oovcAl8Xzfvv6RHiNuTmOTw"
    "+NOnxLsbLp6tOrbs261FMy1wUfeQ00Vy3FElJVdKpnoQ3RzvBpbxNRZ1XDJwCKjvNJOlNNoDpAGmEwcmzlv3GGnD29Wmm3XY"
    "NwgAAAAAAAA8KutfuFY9AzRby1NTjDQajNKMsk7S3FXeAPR00Q8tLUnxEEoySvMpK4tx03DOEjJi7EJRESvAaOtzmYSq3TsI"
    "IiDmLmFgzTBtbJK/R0qvVvVrsr2BDQcybJ3MTQnbkKSijCSsVuV7/sFBqNmK4d9a5XY6i2xvMJO+p667qFqNXGE37k+rR4Bx"
    "fN++/pEeI2twcxTDvIXNL3V24bmXSWHQ9dN9QCIjJi3hYMrxrmyUv0hKbFb067ado1cYTfuT6tHgHF8377+kR4ja5BzFUOyh"
    "E0sdRdiOZdJ4lT003UAIiMmLeFgyvGubJS/SEpsVvTrtp2hFxkxaiFIh5XjtFS1zMJTdp2GMGYGaIeQp2cYiCURqRlklcW8q"
    "7gegZot5ampxhoNRmlGWSdpbirvAZ5yY5PE4r6fEtwcwnq0612zbpQM5McnicV9PiW4OYT1ada7Zt0oDkHMVQ7KETSx1F2I5"
    "l0niVPTTdQYMwM0Q8hTs4xEEojUjLJK4t5V3AM85McnicV9PiW4OYT1ada7Zt0oEXGTFqIUiHleO0VLXMwlN2nYYzahY5Mcb"
    "rkxvh7lHgYCS0OtCu26afAR+L5v339IjxAbYiMmLeFgyvGubJS/SEpsVvTrtp2hERkxbwsGV41zZKX6QlNit6ddtO0SIFmJY"
    "ZNMXFZlZqqS8MkULsoX/ANqJIgrnIyYph2Vold7q7sRvMJLDoemu+owZjpot5CXZPhoNREpeZSdpbzpvFoACuzkxzmHxX0GJ"
    "bjZhPVr1rduzWgwejpoh5aWpPiIJRkleZSVxbjpuFoPDIjpUtmwBXw8ZMXMXGleDa2akekJVercnTZXtGDMdNFvIS7J8NBqI"
    "lLzKTtLedN4tAAAAAAAAAAeUIq0LaPQABFmEbkGEu5aJiKqtsh271FoetOzQV/KP+Dzf9N/7AXQCl5R/web/AKb/ANhyj/g8"
    "3/Tf+wF0A0QcTm4VD+C8zdXo3k2rKh01IbiMlERkZGR6kZAPQAAAAAAAAAAAU05k0ZMYpLsNNn4JCUEk2260M6mddFF2/wCg"
    "C4qPRzHJeZ+0kZ8FecOS8z9pIz4K84DpwHMcl5n7SRnwV5w5LzP2kjPgrzgOnAcxyXmftJGfBXnF7LIV2CgG4d+JXFOIrV5d"
    "aqqZnvM+2m3cAk01I9dNNo9AAAAAAAAAAAAEaOzmCWQwMW7XHrbT7t+wQv2g/hfzBJmqGXIZJREa5BpvKjiHSbMzoelT/wDH"
    "uFXlpf7RxX65Iol/tB/C/mB+0H8L+YImWl/tHFfrkhlpf7RxX65ICX+0H8L+YPU8f15xSwyoew3C13CKy1L2nkOcoX12KJVq"
    "41JpVTcZdgtONZf6/C/nJ8QGUDnME8/gYt2mBW2n379okjFC0uIStCiUlRVJRHUjLtGQgAAAAAAAI0dHMwKEm7cpSztQ2gqq"
    "WfuIbIl9ELDuPOnRCCqfv932ijbQ84lc0xCKJIr7XCqTTZ6pp2lStTLXbTUjI5Mu2LHFubdJDrs0caW6483CpQZkaGkpcUnf"
    "zjM6Fu1LtqdC2a8u83EMJZi5glTqCUSnVYlhnuUimz310OlaaCTBQGIhxTiFQ7Di70MEdFEW0qntLXnERUoZmMmTgIiLehmo"
    "l5TzPXSUS5p/+tab+wSKzPLrOStZ17fPdFbmcbD3m4gothoquLSixxJV2mWw9h6FsprQ6i4ZdbiWUusuXIVqSk7xWRjD8Mgi"
    "TEJahyNPSkRINJ6ERqIioZFoXZTQy/vFDTN4WGnaiZfNLbzlrzK00tVTrkewveR67al2I2l61vG69+v9dGACDxvC57K1VW6z"
    "Ft6PE/wXf4vd/voNxEz08qcAAIAAAAAAAAAANTzDMU2SX2UOorcSXEVof2GNPFUv9QhfyU+AlgAicVS/1CF/JT4BxVL/AFCF"
    "/JT4CWACJxVL/UIX8lPgPDlUBQ6QMLX/ALKfATAAYoQltCUISSUpKhJIqERdg9Ou4egAAAAPDMiKpnQiHoAArJ7VcMzDmZYc"
    "Q+20qhakVamZH9xCG3EMLmCSUwbKluJU4Vap61CMtCMqrw676pOpFTWdPEqKCQ+kjUcM6l6wi6xEev2ba19whKZZaiCRDrcJ"
    "lKTueS9qlCkkWm6hXJOp6kSSrpbXE9vXj+nx+/notJnFLg4JbrbanF9VBEVeceialWtKmRaa6jmkTxth8lJJ02WTSbZqJN1N"
    "jl1Nt1TVt6xEYvYd+Ki3SStlxpUMR4hqI0IdXShWnrVHWPt6pjVCSBmCdYeZdVitnVSlFUlEZUMqbvd/uN23ExpzxTi8becc"
    "/ZOjTUuAcJLRqW4mwkK1oatOdQ9hV1MtxGKR2FiX5S82/bgsoWZK0M8RGhnXbzjIzrt1UR7SMWDcvTALxnIh51iHI8uwf9wz"
    "KlK7VHrRNdlaCBEmtiUqiM0ayW2pDjZqLVa9TIiLTaq4jLcW0yMqLTEdLgibJkPNkRUuYQxEtqjnkki0jK5Cqc5Rp91DPsOl"
    "N5CdkWVQWUdTismm1RL2qPeZn2mete3UeQUE3DNNGbTWYS0ltbiUlVVCItu2mglDW/w4T3IAAMoAPCMjrQ9m0egAAAAADw60"
    "02gPQAAAAAAAeF2aj0AAAAAAAAAHhV1r9wApKVpNKyJSVFQyMqkZChbxoN9uXqdNgjcq07tJ5NS0M6dYipTcdCIypSt+KOP4"
    "QSJSnYWNfSo21GlSVNLO1RVI6HTbt1ISY2647+PE9M4eMOFbVg8+DaM0qxVGRt84iJJGZe+lFUpTU6UMTc6s3cJMK4TplcSV"
    "LbLTZU6KM6e+hjmVTmXMN4cNNkPskZWtRTDh26U0URV91NlDMY8oYarJ5qAqwRE2ZIiOaRadnx7d4zy7TGO3O4XRrcj4dMUT"
    "rRuMqvQgz6NBV0WdetoVK6U1oVxUGEuh24+KQ+2xgwbJ3Ioo6OOV2kR/3SOtC02n2mQrEzWSvnWYTMnEmo3MFqHW2i49taFV"
    "XuM9fiLRPCyRISSURhJSkqERMrIiL8IsVme0tlisap/i8AUvK6Seu/KX4CbLZvAzXEyL+LhUv5ik0rWm0i7DGnlTQAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAQ3JTL3FqWuAhFrUdVKUykzMz2mZ0EwAELiaWd3Qf5CfAOJpZ3dB/kJ8BNABC4mlnd0H+Qn"
    "wDiaWd3Qf5CfATQAQuJpZ3dB/kJ8BuhoKFhLsrDMsXUuw0EmtNlaDeAAAAAAAAAAAD//2Q=="
)


def rbytes(rng, n):
    """n random bytes, one getrandbits(8) each."""
    return bytes(rng.getrandbits(8) for _ in range(n))


# --------------------------------------------------------------------------------------------
# A "scanned" A4 page as an RGB raster (white page, grey text lines, red seal)


def draw_page(w, h, rng, pageno=1, last=True):
    """A w x h RGB raster of one page of a scanned plan: on the first page the issuing body,
    the national motto and the title; text lines; on the last page the recipients, the red
    seal and the blue signature; scanner dust throughout."""
    px = bytearray(b"\xfb\xfb\xf8" * (w * h))  # slightly off-white paper

    def rect(x0, y0, x1, y1, c):
        x0, y0 = max(0, int(x0)), max(0, int(y0))
        x1, y1 = min(w, int(x1)), min(h, int(y1))
        if x1 <= x0:
            return
        row = bytes(c) * (x1 - x0)
        for y in range(y0, y1):
            i = (y * w + x0) * 3
            px[i:i + len(row)] = row

    def words(x0, x1, y, th, c, justify=True):
        x = x0
        while x < x1:
            ww = rng.randint(int(w * 0.015), int(w * 0.07))
            if not justify and x + ww > x1:
                break
            rect(x, y, min(x + ww, x1), y + th, c)
            x += ww + max(2, int(w * 0.01))

    def centred(cx, y, width, th, c):
        rect(cx - width / 2, y, cx + width / 2, y + th, c)

    ink = (52, 52, 58)
    th = max(2, h // 200)       # text height
    lh = max(5, int(h * 0.021))  # line pitch
    if pageno == 1:
        # national motto (right) and issuing body (left), with their short underlines
        centred(w * 0.27, h * 0.05, w * 0.26, th, ink)
        centred(w * 0.27, h * 0.05 + lh, w * 0.34, th + 1, (20, 20, 25))
        centred(w * 0.27, h * 0.05 + 2 * lh + 1, w * 0.12, 1, ink)
        centred(w * 0.70, h * 0.05, w * 0.44, th + 1, (20, 20, 25))
        centred(w * 0.70, h * 0.05 + lh, w * 0.30, th + 1, (20, 20, 25))
        centred(w * 0.70, h * 0.05 + 2 * lh + 1, w * 0.22, 1, ink)
        rect(w * 0.14, h * 0.05 + 3 * lh, w * 0.36, h * 0.05 + 3 * lh + th, ink)   # Số: .../KH-...
        rect(w * 0.56, h * 0.05 + 3 * lh, w * 0.90, h * 0.05 + 3 * lh + th, (90, 90, 95))  # date
        centred(w / 2, h * 0.20, w * 0.20, th + 2, (15, 15, 20))                    # KẾ HOẠCH
        centred(w / 2, h * 0.20 + lh + 2, w * 0.56, th + 1, (25, 25, 30))
        centred(w / 2, h * 0.20 + 2 * lh + 2, w * 0.40, th + 1, (25, 25, 30))
        y = int(h * 0.31)
    else:
        y = int(h * 0.06)
    bottom = h * (0.74 if last else 0.93)
    left, right = w * 0.12, w * 0.92
    while y < bottom:
        if rng.random() < 0.13:  # a heading
            rect(left, y, left + rng.uniform(0.25, 0.5) * w, y + th + 1, (20, 20, 25))
        else:
            indent = w * 0.04 if rng.random() < 0.25 else 0
            end = right if rng.random() > 0.15 else left + rng.uniform(0.3, 0.7) * (right - left)
            words(left + indent, end, y, th, ink, justify=end == right)
        y += lh
    if last:
        # recipients (bottom left)
        rect(w * 0.10, h * 0.80, w * 0.24, h * 0.80 + th, (20, 20, 25))
        for k in range(1, 4):
            rect(w * 0.10, h * 0.80 + k * lh, w * rng.uniform(0.26, 0.38), h * 0.80 + k * lh + th, ink)
        # signature block (bottom right): title, red seal, blue signature, name
        cx, cy, r = w * 0.66, h * 0.885, w * 0.105
        centred(w * 0.70, h * 0.785, w * 0.22, th + 1, (15, 15, 20))
        red = (214, 36, 46)
        r2 = r * r
        for yy in range(int(cy - r) - 1, int(cy + r) + 2):
            for xx in range(int(cx - r) - 1, int(cx + r) + 2):
                if not (0 <= xx < w and 0 <= yy < h):
                    continue
                d2 = (xx - cx) ** 2 + (yy - cy) ** 2
                if d2 > r2:
                    continue
                d = d2 ** 0.5
                on = d > r - max(2, r * 0.09)                        # outer ring
                on = on or (r * 0.62 < d < r * 0.62 + max(1, r * 0.05))  # inner ring
                if not on and r * 0.70 < d < r * 0.86:                # lettering round the rim
                    ang = math.atan2(yy - cy, xx - cx)
                    on = int(ang * 9.5) % 3 != 0 and ((xx * 7 + yy * 3) % 5) < 3
                if not on and d < r * 0.30:                          # the star
                    on = _in_star(xx - cx, yy - cy, r * 0.30)
                if on:
                    i = (yy * w + xx) * 3
                    px[i:i + 3] = bytes(red)
        blue = (30, 48, 140)
        x0, x1 = int(w * 0.60), int(w * 0.84)
        for xx in range(x0, x1):
            t = (xx - x0) / (x1 - x0)
            yy = cy + r * 0.35 * math.sin(t * 19) * (1 - t * 0.5) - r * 0.25 * t
            rect(xx, yy, xx + 1, yy + 2, blue)
        centred(w * 0.70, h * 0.965, w * 0.24, th + 1, (15, 15, 20))
    # scanner dust
    for _ in range(w * h // 900):
        i = (rng.randrange(h) * w + rng.randrange(w)) * 3
        g = rng.randint(150, 215)
        px[i:i + 3] = bytes((g, g, g))
    return bytes(px)


def _in_star(x, y, R):
    pts = []
    for k in range(10):
        rad = R if k % 2 == 0 else R * 0.42
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((rad * math.cos(a), rad * math.sin(a)))
    inside = False
    j = len(pts) - 1
    for i in range(len(pts)):
        xi, yi = pts[i]
        xj, yj = pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def ppm(w, h, rgb):
    """A binary PPM of the raster, the input cjpeg takes (see JPEG_B64)."""
    return b"P6\n%d %d\n255\n" % (w, h) + rgb



# --------------------------------------------------------------------------------------------
# JPEG: the embedded scan, made unique per use with a COM segment, and JPEG-shaped noise


def jpeg_size(data):
    """(width, height) from a JPEG's SOF segment."""
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            raise ValueError("bad JPEG")
        marker = data[i + 1]
        seglen = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h
        i += 2 + seglen
    raise ValueError("no SOF in JPEG")


def jpeg_with_comment(comment):
    """The embedded JPEG with a COM segment after APP0 (JFIF), so each copy has its own bytes."""
    data = base64.b64decode(JPEG_B64)
    i = 2
    if data[2:4] == b"\xff\xe0":
        i = 4 + struct.unpack(">H", data[4:6])[0]
    c = comment.encode("utf-8")[:60000]
    return data[:i] + b"\xff\xfe" + struct.pack(">H", len(c) + 2) + c + data[i:]


def jfif_start(density=72):
    """SOI and a JFIF APP0 segment (version 1.1, no units, density x density, no thumbnail):
    what a file sniffer looks at first."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00" + struct.pack(">HH", density, density) + b"\x00\x00"


def noise_jpeg(rng, size):
    """A JPEG-shaped file of about `size` bytes: JFIF start, noise, EOI."""
    return jfif_start() + rbytes(rng, max(16, size - 24)) + b"\xff\xd9"


def sized_jpeg(rng, size):
    """A JPEG-shaped file of exactly `size` bytes (for sizes above 91): JFIF start, a
    quantisation table, noise (rng.randbytes, fast enough for megabytes), EOI."""
    header = jfif_start() + b"\xff\xdb\x00\x43\x00" + bytes(range(1, 65))
    return header + rng.randbytes(max(0, size - len(header) - 2)) + b"\xff\xd9"


def tiny_jpeg(rng, n):
    """A 226-byte JPEG-shaped file numbered n: JFIF start (density 1), 200 noise bytes, n, EOI."""
    return jfif_start(density=1) + bytes(rng.randrange(256) for _ in range(200)) + n.to_bytes(4, "big") + b"\xff\xd9"


# --------------------------------------------------------------------------------------------
# PNG and TIFF


def png(rng, size):
    """A valid PNG (16 pixels wide, RGB noise) of roughly `size` bytes before compression."""
    w = 16
    rows = max(2, size // (w * 3 + 1))
    raw = b"".join(b"\x00" + rbytes(rng, w * 3) for _ in range(rows))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, rows, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def tiff(rng, size):
    """A TIFF-shaped file: little-endian header, noise."""
    return b"II*\x00" + struct.pack("<I", 8) + rbytes(rng, max(16, size - 8))
