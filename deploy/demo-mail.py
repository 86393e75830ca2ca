#!/usr/bin/python3
"""Fill the local mail stack's office mailbox with realistic sample school mail (`make demo`).

Usage:
    /usr/bin/python3 deploy/demo-mail.py --roster config/units.csv --office thidua.gdbd@pgd.example

Connection details come from the environment written by `deploy/mailstack start DIR`
(load it with `set -a; . DIR/env; set +a`):
    MAILSTACK_HOST, MAILSTACK_IMAPS_PORT, MAILSTACK_CA_FILE, MAILSTACK_PASSWORD_FILE
The login name is the office address; the password is the password file's content, stripped.
The server certificate is always verified against MAILSTACK_CA_FILE.

The script APPENDs about 40 messages to the office INBOX, each with an INTERNALDATE in
February 2021, as schools answering Kế hoạch 11/KH-PGDĐT (deadline 21/02/2021 23:59, +07:00)
would have sent them: most schools on time, a few late, the rest nothing, two unknown senders,
one school sending only a .docx, one a text (not scanned) PDF, one forgetting the attachment
and sending again, and a mix of mail clients (Gmail, Outlook, Thunderbird, Yahoo, iPhone,
Apple Mail, an old Outlook writing windows-1258) with their own MIME habits.

Everything is generated in pure Python (standard library only) from a fixed seed, so the demo is
the same every time. If the INBOX already holds messages, nothing is appended (so running
`make demo` twice does not duplicate). `--out DIR` writes the messages as .eml files instead of
touching any server (handy for `thidua inspect`).
"""

import argparse
import base64
import csv
import datetime as dt
import email.utils
import io
import imaplib
import math
import os
import quopri
import random
import ssl
import struct
import sys
import textwrap
import unicodedata
import urllib.parse
import zipfile
import zlib

SEED = 20210221
TZ = dt.timezone(dt.timedelta(hours=7), "+07")
DEADLINE = dt.datetime(2021, 2, 21, 23, 59, 59, tzinfo=TZ)
CRLF = b"\r\n"

# A small baseline JFIF JPEG (210x297, a "scanned" page with a red seal), made once from the page
# that draw_page(210, 297, random.Random(7)) draws, written with ppm() and encoded by libjpeg-turbo:
# `cjpeg -quality 45 -optimize -baseline page.ppm`. Embedded so the script needs nothing but Python.
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


# --------------------------------------------------------------------------------------------
# Roster

def read_roster(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    units = []
    for r in rows:
        code = (r.get("code") or "").strip()
        if not code:
            continue
        name = unicodedata.normalize("NFC", (r.get("name") or "").strip())
        emails = [e.strip() for e in (r.get("emails") or "").split(";") if e.strip()]
        if not emails:
            continue
        units.append({
            "code": code, "name": name, "level": (r.get("level") or "").strip(),
            "emails": emails, "principal": (r.get("principal") or "").strip(),
            "phone": (r.get("phone") or "").split(",")[0].strip(),
        })
    return units


def short_name(u):
    """'Tiểu học Nguyễn Trãi' -> 'TH Nguyễn Trãi' (how schools abbreviate themselves)."""
    n = u["name"]
    for long, short in (("Mầm non ", "MN "), ("Tiểu học ", "TH ")):
        if n.startswith(long):
            return short + n[len(long):]
    return n


# --------------------------------------------------------------------------------------------
# Pictures: a "scanned" A4 page as an RGB raster (white page, grey text lines, red seal)

def draw_page(w, h, rng, pageno=1, last=True):
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
    return b"P6\n%d %d\n255\n" % (w, h) + rgb


# --------------------------------------------------------------------------------------------
# JPEG (embedded constant, made unique per use with a COM segment)

def jpeg_size(data):
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


# --------------------------------------------------------------------------------------------
# PDF

def pdf_string(s):
    return b"(" + s.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_build(objects, info, file_id):
    """objects: list of bytes (object bodies, numbered from 1; object 1 is the catalog).
    info: bytes of the Info dictionary. Returns a PDF with a correct xref table."""
    objects = list(objects) + [info]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    fid = file_id.hex().encode()
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, len(objects), fid, fid, xref))
    return bytes(out)


def stream(dictionary, data):
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def pdf_date(t):
    return "D:" + t.strftime("%Y%m%d%H%M%S") + "+07'00'"


A4 = (595.28, 841.89)


def scan_pdf(rng, when, pages=1, jpeg_comment=None, producer="Canon MF Scan Utility", w=300, h=424):
    """A scanned document: each page's content is only an image XObject, no text, no fonts.
    With jpeg_comment the image is the embedded JPEG (/DCTDecode), else a Flate RGB raster."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None]
    kids = []
    for p in range(pages):
        base = len(objs) + 1  # page, image, contents
        if jpeg_comment is not None:
            data = jpeg_with_comment("%s p%d" % (jpeg_comment, p + 1))
            iw, ih = jpeg_size(data)
            img = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                         b"/BitsPerComponent 8 /Filter /DCTDecode" % (iw, ih), data)
        else:
            raster = draw_page(w, h, rng, pageno=p + 1, last=(p == pages - 1))
            img = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                         b"/BitsPerComponent 8 /Filter /FlateDecode" % (w, h), zlib.compress(raster, 9))
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % A4
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
                    b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (A4 + (base + 1, base + 2)))
        objs.append(img)
        objs.append(stream(b"", content))
        kids.append(base)
    objs[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % pages
    info = (b"<< /Producer " + pdf_string(producer) + b" /Creator " + pdf_string(producer) +
            b" /CreationDate " + pdf_string(pdf_date(when)) + b" >>")
    return pdf_build(objs, info, bytes(rng.randrange(256) for _ in range(16)))


def text_pdf(rng, when, lines, producer="Microsoft\xae Word 2016"):
    """A PDF printed from a word processor: a /Font and a text content stream (BT ... ET)."""
    ops = [b"BT", b"/F1 11 Tf", b"14 TL", b"72 770 Td"]
    for ln in lines:
        if ln.startswith("# "):
            ops += [b"/F2 13 Tf", pdf_string(ln[2:]) + b" Tj", b"/F1 11 Tf", b"T*"]
        else:
            ops += [pdf_string(ln) + b" Tj", b"T*"]
    ops.append(b"ET")
    content = zlib.compress(b"\n".join(ops), 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> "
        b"/Contents 4 0 R >>" % A4,
        stream(b"/Filter /FlateDecode", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>",
    ]
    info = (b"<< /Producer " + pdf_string(producer) + b" /Creator " + pdf_string(producer) +
            b" /CreationDate " + pdf_string(pdf_date(when)) + b" >>")
    return pdf_build(objs, info, bytes(rng.randrange(256) for _ in range(16)))


def ascii_fold(s):
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


# --------------------------------------------------------------------------------------------
# DOCX (a minimal but valid WordprocessingML package)

def docx(paragraphs, when):
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = "".join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % esc(p) for p in paragraphs)
    parts = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" '
         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="word/document.xml"/></Relationships>'),
        ("word/document.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         '<w:body>' + body + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            zi = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, text.encode("utf-8"))
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# MIME, by hand, so that each client's habits are reproduced byte for byte

def clusters(text):
    """Split into base character + its combining marks, so encoded words never split a letter."""
    out = []
    for ch in text:
        if out and unicodedata.combining(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def cp1258_text(text):
    """Vietnamese as old Windows writes it in windows-1258: precomposed vowels with
    circumflex/breve/horn, tone marks as separate combining characters."""
    shape = {"\u0302", "\u0306", "\u031b"}
    out = []
    for cl in clusters(unicodedata.normalize("NFD", text)):
        base, marks = cl[0], cl[1:]
        keep = "".join(m for m in marks if m in shape)
        tones = "".join(m for m in marks if m not in shape)
        out.append(unicodedata.normalize("NFC", base + keep) + tones)
    return "".join(out)


def _q(b):
    safe = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/"
    return "".join(chr(c) if c in safe else ("_" if c == 32 else "=%02X" % c) for c in b)


def encoded_words(text, charset="UTF-8", enc="B", maxlen=75):
    """RFC 2047 encoded words, each at most maxlen characters and holding whole characters."""
    pyenc = "cp1258" if charset.lower() == "windows-1258" else "utf-8"
    if pyenc == "cp1258":
        text = cp1258_text(text)

    def one(s):
        b = s.encode(pyenc)
        payload = base64.b64encode(b).decode() if enc.upper() == "B" else _q(b)
        return "=?%s?%s?%s?=" % (charset, enc, payload)
    words, cur = [], ""
    for cl in clusters(text):
        if cur and len(one(cur + cl)) > maxlen:
            words.append(one(cur))
            cur = cl
        else:
            cur += cl
    if cur:
        words.append(one(cur))
    return words


def hdr_text(text, charset="UTF-8", enc="B", sep="\r\n "):
    if all(32 <= ord(c) < 127 for c in text):
        return text
    return sep.join(encoded_words(text, charset, enc))


def addr(display, address, charset="UTF-8", enc="B"):
    if not display:
        return address
    if all(32 <= ord(c) < 127 for c in display):
        if any(c in display for c in '()<>[]:;@\\,."'):
            return '"%s" <%s>' % (display.replace("\\", "\\\\").replace('"', '\\"'), address)
        return "%s <%s>" % (display, address)
    return "%s <%s>" % (" ".join(encoded_words(display, charset, enc)), address)


def fn_2231(name, param="filename", continuation=False, charset="UTF-8"):
    pct = urllib.parse.quote(name.encode("utf-8"), safe="-._")
    if not continuation or len(pct) <= 60:
        return "%s*=%s''%s" % (param, charset, pct)
    chunks, i, first = [], 0, True
    while i < len(pct):
        n = 60 - (len(charset) + 2 if first else 0)
        j = min(i + n, len(pct))
        if j < len(pct) and "%" in pct[j - 2:j]:  # do not cut a %XX escape
            j = i + pct[i:j].rindex("%")
        chunks.append(pct[i:j])
        i, first = j, False
    return ";\r\n ".join("%s*%d*=%s" % (param, k, (charset + "''" if k == 0 else "") + c)
                         for k, c in enumerate(chunks))


def fn_2047(name, param="filename", charset="UTF-8", enc="B", sep="\r\n\t"):
    if all(32 <= ord(c) < 127 for c in name):
        return '%s="%s"' % (param, name)
    return '%s="%s"' % (param, sep.join(encoded_words(name, charset, enc)))


def b64_body(data):
    return base64.encodebytes(data).replace(b"\n", CRLF)


def qp_body(text, charset="utf-8"):
    data = text.replace("\r\n", "\n").encode("cp1258" if charset == "windows-1258" else "utf-8")
    return quopri.encodestring(data).replace(b"\n", CRLF)


class Part:
    def __init__(self, headers, body):
        self.headers, self.body = headers, body

    def render(self):
        out = bytearray()
        for k, v in self.headers:
            out += ("%s: %s" % (k, v)).encode("utf-8") + CRLF
        out += CRLF + self.body
        return bytes(out)


class Multi:
    def __init__(self, subtype, boundary, parts, headers=(), preamble=b""):
        self.subtype, self.boundary, self.parts = subtype, boundary, parts
        self.headers, self.preamble = list(headers), preamble

    def render(self):
        hs = self.headers + [("Content-Type", 'multipart/%s; boundary="%s"' % (self.subtype, self.boundary))]
        out = bytearray()
        for k, v in hs:
            out += ("%s: %s" % (k, v)).encode("utf-8") + CRLF
        out += CRLF + self.preamble
        for p in self.parts:
            out += b"--" + self.boundary.encode() + CRLF + p.render()
            if not out.endswith(CRLF):
                out += CRLF
        out += b"--" + self.boundary.encode() + b"--" + CRLF
        return bytes(out)


def flowed(text, width=72):
    """format=flowed: soft line breaks end with a space."""
    out = []
    for para in text.split("\n"):
        if len(para) <= width:
            out.append(para)
            continue
        lines = textwrap.wrap(para, width)
        out += [ln + " " for ln in lines[:-1]] + [lines[-1]]
    return "\r\n".join(out) + "\r\n"


def html_of(text, sig, gmail=True):
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = "".join("<div>%s</div>" % (esc(ln) if ln else "<br>") for ln in text.split("\n"))
    sigh = "<br>".join(esc(ln) for ln in sig.split("\n"))
    if gmail:
        return ('<div dir="ltr">%s<br clear="all"><div><br></div>-- <br><div dir="ltr" class="gmail_signature" '
                'data-smartmail="gmail_signature"><div dir="ltr">%s</div></div></div>\n' % (body, sigh))
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
            '<body lang="VI"><div class="WordSection1">%s<p>%s</p></div></body></html>\n' % (body, sigh))


# --------------------------------------------------------------------------------------------
# Mail clients

def rand_token(rng, n, alphabet="abcdefghijklmnopqrstuvwxyz0123456789"):
    return "".join(rng.choice(alphabet) for _ in range(n))


def rand_hex(rng, n):
    return rand_token(rng, n, "0123456789abcdef")


def received(rng, sender, office, t):
    host = sender.split("@")[1]
    return ("from mail.%s (mail.%s [192.0.2.%d])\r\n\tby mx.pgd.example with ESMTPS id %s\r\n\tfor <%s>; %s"
            % (host, host, rng.randint(10, 250), rand_token(rng, 12).upper(), office,
               email.utils.format_datetime(t + dt.timedelta(seconds=rng.randint(2, 9)))))


def build(m, rng, office):
    """m: a dict describing one message (see plan()). Returns the raw RFC 5322 bytes."""
    client, t = m["client"], m["sent"]
    text, sig = m["text"], m["sig"]
    date = email.utils.format_datetime(t)
    frm, disp = m["from"], m["display"]
    atts = m["attachments"]  # list of (filename, content_type, bytes)
    top = [("Received", received(rng, frm, office, t))] if "@" in frm else []
    to = m.get("to", office)

    if client == "gmail":
        b1, b2 = "000000000000" + rand_hex(rng, 12), "000000000000" + rand_hex(rng, 12)
        alt = Multi("alternative", b2, [
            Part([("Content-Type", 'text/plain; charset="UTF-8"'), ("Content-Transfer-Encoding", "quoted-printable")],
                 qp_body(text + "\n\n-- \n" + sig + "\n")),
            Part([("Content-Type", 'text/html; charset="UTF-8"'), ("Content-Transfer-Encoding", "quoted-printable")],
                 qp_body(html_of(text, sig))),
        ])
        parts = [alt]
        for fn, ctype, data in atts:
            fid = "f_k" + rand_token(rng, 7)
            parts.append(Part([
                ("Content-Type", "%s; \r\n\t%s" % (ctype, fn_2047(fn, "name", sep="\r\n\t"))),
                ("Content-Disposition", "attachment; \r\n\t%s" % fn_2047(fn, sep="\r\n\t")),
                ("Content-Transfer-Encoding", "base64"),
                ("Content-ID", "<%s>" % fid), ("X-Attachment-Id", fid)], b64_body(data)))
        body = Multi("mixed", b1, parts) if atts else alt
        headers = top + [("MIME-Version", "1.0"), ("From", addr(disp, frm)), ("Date", date),
                         ("Message-ID", "<CA%s@mail.gmail.com>" % rand_token(
                             rng, 58, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+_-=")),
                         ("Subject", hdr_text(m["subject"]))]
        headers.append(("To", to))
        if m.get("cc"):
            headers.append(("Cc", m["cc"]))

    elif client in ("outlook", "outlook2007"):
        cs = "windows-1258" if client == "outlook2007" else "utf-8"
        enc = "Q" if client == "outlook2007" else "B"
        stamp = "01D7%04X.%08X" % (rng.randrange(0x10000), rng.randrange(1 << 32))
        b1, b2 = "----=_NextPart_000_%04X_%s" % (rng.randrange(0x10000), stamp), \
                 "----=_NextPart_001_%04X_%s" % (rng.randrange(0x10000), stamp)
        if cs == "utf-8":
            plain = Part([("Content-Type", 'text/plain; charset="utf-8"'), ("Content-Transfer-Encoding", "base64")],
                         b64_body((text + "\n\n" + sig + "\n").replace("\n", "\r\n").encode("utf-8")))
            html = Part([("Content-Type", 'text/html; charset="utf-8"'), ("Content-Transfer-Encoding", "base64")],
                        b64_body(html_of(text, sig, gmail=False).encode("utf-8")))
        else:
            plain = Part([("Content-Type", 'text/plain; charset="windows-1258"'),
                          ("Content-Transfer-Encoding", "quoted-printable")],
                         qp_body(cp1258_text(text + "\n\n" + sig + "\n"), "windows-1258"))
            html = Part([("Content-Type", 'text/html; charset="windows-1258"'),
                         ("Content-Transfer-Encoding", "quoted-printable")],
                        qp_body(cp1258_text(html_of(text, sig, gmail=False).replace("utf-8", "windows-1258")),
                                "windows-1258"))
        alt = Multi("alternative", b2, [plain, html])
        parts = [alt]
        for fn, ctype, data in atts:
            parts.append(Part([
                ("Content-Type", "%s;\r\n\t%s" % (ctype, fn_2047(fn, "name", cs, enc))),
                ("Content-Transfer-Encoding", "base64"),
                ("Content-Disposition", "attachment;\r\n\t%s;\r\n\tsize=%d;\r\n\tcreation-date=\"%s\";\r\n\t"
                 "modification-date=\"%s\"" % (fn_2047(fn, "filename", cs, enc), len(data),
                                               email.utils.format_datetime(t.astimezone(dt.timezone.utc), True),
                                               email.utils.format_datetime(t.astimezone(dt.timezone.utc), True)))],
                b64_body(data)))
        body = Multi("mixed", b1, parts, preamble=b"This is a multi-part message in MIME format." + CRLF + CRLF)
        headers = top + [("From", addr(disp, frm, cs, enc)), ("To", to), ("Subject", hdr_text(m["subject"], cs, enc)),
                         ("Date", date),
                         ("Message-ID", "<%s$%s$%s@%s>" % (("000001d7" + rand_hex(rng, 8)),
                                                           rand_hex(rng, 8), rand_hex(rng, 8), frm.split("@")[1])),
                         ("MIME-Version", "1.0"),
                         ("X-Mailer", "Microsoft Office Outlook 12.0" if client == "outlook2007"
                          else "Microsoft Outlook 16.0"),
                         ("Thread-Index", base64.b64encode(bytes(rng.randrange(256) for _ in range(22))).decode()),
                         ("Content-Language", "vi")]

    elif client == "thunderbird":
        b1 = "------------" + rand_token(rng, 24, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        plain = Part([("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
                      ("Content-Transfer-Encoding", "8bit")],
                     flowed(text + "\n\n-- \n" + sig).encode("utf-8"))
        parts = [plain]
        for fn, ctype, data in atts:
            parts.append(Part([
                ("Content-Type", "%s;\r\n %s" % (ctype, fn_2047(fn, "name", sep="\r\n "))),
                ("Content-Transfer-Encoding", "base64"),
                ("Content-Disposition", "attachment;\r\n %s" % fn_2231(fn, continuation=True))], b64_body(data)))
        body = Multi("mixed", b1, parts, preamble=b"This is a multi-part message in MIME format." + CRLF) \
            if atts else plain
        headers = top + [("To", to), ("From", addr(disp, frm)),
                         ("Subject", hdr_text(m["subject"], enc="Q")),
                         ("Message-ID", "<%s-%s-%s-%s-%s@%s>" % (rand_hex(rng, 8), rand_hex(rng, 4), rand_hex(rng, 4),
                                                                 rand_hex(rng, 4), rand_hex(rng, 12), frm.split("@")[1])),
                         ("Date", date),
                         ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:78.0) Gecko/20100101 "
                                        "Thunderbird/78.7.1"),
                         ("MIME-Version", "1.0"), ("Content-Language", "vi")]

    elif client == "yahoo":
        n = rng.randrange(10 ** 6, 10 ** 7)
        b1 = "----=_Part_%d_%d.%d" % (n, rng.randrange(10 ** 9, 10 ** 10), int(t.timestamp() * 1000))
        b2 = "----=_Part_%d_%d.%d" % (n - 1, rng.randrange(10 ** 9, 10 ** 10), int(t.timestamp() * 1000))
        alt = Multi("alternative", b2, [
            Part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")],
                 qp_body(text + "\n\n" + sig + "\n")),
            Part([("Content-Type", "text/html; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")],
                 qp_body('<html><head></head><body><div class="ydp1b2c3d4eyahoo-style-wrap">%s</div></body></html>'
                         % html_of(text, sig))),
        ])
        parts = [alt]
        for fn, ctype, data in atts:
            parts.append(Part([
                ("Content-Type", "application/octet-stream"),
                ("Content-Transfer-Encoding", "base64"),
                ("Content-Disposition", "attachment; %s" % fn_2047(fn, sep=" ")),
                ("Content-ID", "<%s@yahoo.com>" % rand_hex(rng, 16))], b64_body(data)))
        body = Multi("mixed", b1, parts)
        headers = top + [("Date", date), ("From", addr(disp, frm)), ("Reply-To", addr(disp, frm)), ("To", to),
                         ("Message-ID", "<%d.%d.%d@mail.yahoo.com>" % (rng.randrange(10 ** 8, 10 ** 9),
                                                                       rng.randrange(10 ** 6, 10 ** 7), n)),
                         ("Subject", hdr_text(m["subject"])), ("MIME-Version", "1.0"),
                         ("X-Mailer", "WebService/1.1.17648 YMailNorrin")]

    elif client in ("iphone", "applemail"):
        uid = "-".join(rand_hex(rng, k) for k in (8, 4, 4, 4, 12)).upper()
        b1 = "Apple-Mail-" + "-".join(rand_hex(rng, k) for k in (8, 4, 4, 4, 12)).upper()
        plain = Part([("Content-Type", "text/plain;\r\n\tcharset=utf-8"),
                      ("Content-Transfer-Encoding", "quoted-printable")], qp_body(text + "\n\n" + sig + "\n"))
        parts = [plain]
        for fn, ctype, data in atts:
            if client == "iphone":  # photos: inline, plain ASCII names
                parts.append(Part([
                    ("Content-Type", "%s;\r\n\tname=%s" % (ctype, fn)),
                    ("Content-Disposition", "inline;\r\n\tfilename=%s" % fn),
                    ("Content-Transfer-Encoding", "base64")], b64_body(data)))
            else:  # macOS: decomposed (NFD) Unicode names, RFC 2231 and Q-encoded name
                nfd = unicodedata.normalize("NFD", fn)
                parts.append(Part([
                    ("Content-Disposition", "attachment;\r\n\t%s" % fn_2231(nfd, charset="utf-8")),
                    ("Content-Type", "%s;\r\n\tx-unix-mode=0644;\r\n\t%s" % (ctype, fn_2047(nfd, "name", "utf-8", "Q",
                                                                                       sep="\r\n\t"))),
                    ("Content-Transfer-Encoding", "base64")], b64_body(data)))
        body = Multi("mixed", b1, parts)
        headers = top + [("Content-Transfer-Encoding", "7bit"), ("From", addr(disp, frm, "utf-8", "Q")),
                         ("Mime-Version", "1.0 (%s)" % ("1.0" if client == "iphone" else "Mac OS X Mail 14.0 \\(3654.60.0.2.21\\)")),
                         ("Date", date), ("Subject", hdr_text(m["subject"], "utf-8", "Q")),
                         ("Message-Id", "<%s@%s>" % (uid, frm.split("@")[1])), ("To", to),
                         ("X-Mailer", "iPhone Mail (18D52)" if client == "iphone" else "Apple Mail (2.3654.60.0.2.21)")]
    else:
        raise ValueError(client)

    out = bytearray()
    for k, v in headers:
        out += ("%s: %s" % (k, v)).encode("utf-8") + CRLF
    out += body.render()
    return bytes(out)


# --------------------------------------------------------------------------------------------
# The story: who sends what, when

FIRST = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô"]
MID_F = ["Thị", "Thị Thu", "Thị Minh", "Thị Thanh", "Thị Hồng"]
GIVEN_F = ["Lan", "Hương", "Hà", "Hoa", "Mai", "Thủy", "Hằng", "Nga", "Hạnh", "Dung", "Yến", "Thảo", "Vân", "Trang"]
MID_M = ["Văn", "Đức", "Minh", "Quang"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Thắng", "Long", "Sơn", "Hải"]
ROLES = ["Văn thư", "Văn thư", "Kế toán", "Phó Hiệu trưởng", "Thư ký Hội đồng", "Giáo viên"]


def when(rng, day, h0=7, h1=17):
    if day == 8:  # the plan went out on the morning of 08/02
        h0 = max(h0, 14)
    t = dt.datetime(2021, 2, day, rng.randint(h0, h1 - 1), rng.randint(0, 59), rng.randint(0, 59), tzinfo=TZ)
    return t


def plan(units, rng, office):
    order = sorted(units, key=lambda u: u["code"])
    rng.shuffle(order)
    n = len(order)
    n_late = min(4, max(1, n // 15))
    n_on = max(1, min(n - n_late - 1, round(n * 0.57)))
    on_time, late, silent = order[:n_on], order[n_on:n_on + n_late], order[n_on + n_late:]

    # the days schools send: a few before Tết (10-16/02), almost none during it, most after it
    days = [8] * 3 + [9] * 4 + [10] + [15] + [17] * 5 + [18] * 6 + [19] * 6 + [20] * 4 + [21] * 4
    msgs = []

    def person():
        if rng.random() < 0.8:  # school clerks and teachers are mostly women
            return "%s %s %s" % (rng.choice(FIRST), rng.choice(MID_F), rng.choice(GIVEN_F))
        return "%s %s %s" % (rng.choice(FIRST), rng.choice(MID_M), rng.choice(GIVEN_M))

    def signature(u, who, role):
        s = "%s\n%s - Trường %s\nQuận Ba Đình, Hà Nội" % (who, role, u["name"])
        if u["phone"]:
            s += "\nĐT: %s" % u["phone"]
        return s

    subjects = [
        "Kế hoạch thi đua khen thưởng năm 2021 - Trường {name}",
        "{short} gửi Kế hoạch thi đua khen thưởng năm 2021",
        "V/v gửi Kế hoạch công tác thi đua khen thưởng năm 2021 - {name}",
        "KH thi đua khen thưởng 2021_{short}",
        "KẾ HOẠCH THI ĐUA KHEN THƯỞNG NĂM 2021 - TRƯỜNG {NAME}",
        "Trường {name} gửi KH TĐKT năm 2021",
    ]
    bodies = [
        "Kính gửi: Phòng Giáo dục và Đào tạo quận Ba Đình\n\nThực hiện Kế hoạch số 11/KH-PGDĐT ngày 08/02/2021 "
        "của Phòng GDĐT quận Ba Đình, Trường {name} xin gửi Kế hoạch công tác thi đua khen thưởng năm 2021 của "
        "nhà trường (bản scan có dấu đỏ) trong file đính kèm.\n\nTrân trọng cảm ơn!",
        "Kính gửi Phòng GDĐT quận Ba Đình,\n\nTrường {name} xin gửi Kế hoạch thi đua khen thưởng năm 2021 "
        "(bản scan dấu đỏ).\nKính mong Phòng tiếp nhận.\n\nTrân trọng.",
        "Dạ em chào Phòng ạ,\n\nEm là {role_lc} trường {short}, em gửi Kế hoạch thi đua khen thưởng năm 2021 "
        "của trường em ạ.\nEm cảm ơn ạ!",
        "Kính gửi Phòng Giáo dục và Đào tạo,\n\n{short} gửi kèm theo đây Kế hoạch thi đua - khen thưởng năm 2021 "
        "đã được Hiệu trưởng ký, đóng dấu.\n\nTrân trọng!",
    ]
    late_body = ("Kính gửi Phòng GDĐT quận Ba Đình,\n\nTrường {name} xin gửi Kế hoạch thi đua khen thưởng năm 2021. "
                 "Do sau Tết nhà trường bận nhiều việc nên gửi chậm, kính mong Phòng thông cảm.\n\nTrân trọng cảm ơn!")
    filenames = [
        ("Kế hoạch thi đua khen thưởng năm 2021 - {short}.pdf", "pdf"),
        ("KH TĐKT 2021 - {short}.pdf", "pdf"),
        ("Kế hoạch TĐKT năm 2021.pdf", "pdf"),
        ("Scan_202102{dd}_{hhmm}.pdf", "pdf"),
        ("{short} - Kế hoạch thi đua khen thưởng 2021 (bản scan).pdf", "pdf"),
        ("KH thi đua khen thưởng 2021.jpg", "jpg"),
    ]
    clients = ["gmail"] * 9 + ["outlook"] * 4 + ["thunderbird"] * 2 + ["yahoo"] * 2 + ["iphone"] * 2 + ["applemail"]

    def fmt(s, u, t, role="Văn thư"):
        return s.format(name=u["name"], NAME=u["name"].upper(), short=short_name(u), dd="%02d" % t.day,
                        hhmm=t.strftime("%H%M%S"), role_lc=role.lower())

    def attachments_for(u, client, t, kind=None, name=None):
        if client == "iphone":
            npages = rng.choice([1, 2, 2])
            return [("image%d.jpeg" % k, "image/jpeg", jpeg_with_comment("%s trang %d" % (u["code"], k + 1)))
                    for k in range(npages)]
        fn, k = rng.choice(filenames)
        fn, k = name or fn, kind or k
        if k == "jpg":
            return [(fmt(fn, u, t).replace(".pdf", ".jpg"), "image/jpeg", jpeg_with_comment(u["code"]))]
        fn = fmt(fn, u, t).replace(".jpg", ".pdf")
        pages = rng.choice([1, 1, 1, 2])
        if rng.random() < 0.3:
            data = scan_pdf(rng, t, pages, jpeg_comment=u["code"], producer="HP Scan")
        else:
            data = scan_pdf(rng, t, pages, producer=rng.choice(["Canon MF Scan Utility", "Epson Scan 2",
                                                                 "Brother iPrint&Scan"]))
        return [(fn, "application/pdf", data)]

    def message(u, t, client=None, subject=None, body=None, atts=None, sender=None, display=None, note="",
                fname=None):
        client = client or rng.choice(clients)
        who = u["principal"] if rng.random() < 0.2 and u["principal"] else person()
        role = "Hiệu trưởng" if who == u["principal"] else rng.choice(ROLES)
        frm = sender or (u["emails"][1] if len(u["emails"]) > 1 and rng.random() < 0.5 else u["emails"][0])
        disp = display if display is not None else rng.choice(
            ["Trường " + u["name"], short_name(u), who, ascii_fold(short_name(u))])
        m = {
            "unit": u["code"], "client": client, "sent": t, "from": frm, "display": disp,
            "subject": subject if subject is not None else fmt(rng.choice(subjects), u, t),
            "text": body if body is not None else fmt(rng.choice(bodies), u, t, role),
            "sig": signature(u, who, role),
            "attachments": atts if atts is not None else attachments_for(u, client, t, name=fname),
            "note": note,
        }
        if client == "gmail" and len(u["emails"]) > 1 and rng.random() < 0.5:
            other = [e for e in u["emails"] if e != frm]
            if other:
                m["cc"] = other[0]
        msgs.append(m)
        return m

    specials = {}
    for k, u in enumerate(on_time):
        if k == 0:    # only a Word file, no scan
            t = when(rng, 18)
            specials["docx"] = u["code"]
            message(u, t, client="gmail",
                    atts=[("Kế hoạch thi đua khen thưởng năm 2021.docx",
                           "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           docx(["UBND QUẬN BA ĐÌNH", "TRƯỜNG " + u["name"].upper(), "KẾ HOẠCH",
                                 "Công tác thi đua khen thưởng năm 2021",
                                 "Căn cứ Kế hoạch số 11/KH-PGDĐT ngày 08/02/2021 của Phòng GDĐT quận Ba Đình, "
                                 "Trường %s xây dựng Kế hoạch công tác thi đua khen thưởng năm 2021 như sau:" % u["name"],
                                 "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN"], t))],
                    note="only a .docx, no scan")
        elif k == 1:  # a PDF printed from Word: text, not a scan
            t = when(rng, 19)
            specials["text-pdf"] = u["code"]
            n = ascii_fold(u["name"]).upper()
            message(u, t, client="outlook",
                    atts=[("KH thi đua 2021 - %s.pdf" % short_name(u), "application/pdf",
                           text_pdf(rng, t, ["UBND QUAN BA DINH", "TRUONG " + n, "",
                                             "# KE HOACH", "# Cong tac thi dua khen thuong nam 2021", "",
                                             "Can cu Ke hoach so 11/KH-PGDDT ngay 08/02/2021 cua Phong GDDT quan Ba Dinh,",
                                             "Truong " + ascii_fold(u["name"]) + " xay dung Ke hoach nhu sau:",
                                             "# I. MUC DICH, YEU CAU", "# II. NOI DUNG",
                                             "# III. TO CHUC THUC HIEN"]))],
                    note="a text PDF (printed from Word), not a scan")
        elif k == 2:  # forgets the attachment, sends again a few minutes later
            t = when(rng, 19, 14, 16)
            specials["forgot"] = u["code"]
            subj = "Kế hoạch thi đua khen thưởng năm 2021 - Trường %s" % u["name"]
            message(u, t, client="thunderbird", subject=subj, atts=[], note="forgot the attachment")
            message(u, t + dt.timedelta(minutes=rng.randint(4, 12)), client="thunderbird",
                    subject="Gửi lại: " + subj + " (có file đính kèm)",
                    body="Kính gửi Phòng GDĐT quận Ba Đình,\n\nEm xin gửi lại vì thư trước em quên đính kèm file ạ."
                         "\n\nTrân trọng cảm ơn!", sender=msgs[-1]["from"], display=msgs[-1]["display"],
                    fname="Kế hoạch thi đua khen thưởng năm 2021 - Trường {name} (bản scan dấu đỏ).pdf",
                    note="sent again, with the scan")
        elif k == 3:  # an old Outlook writing windows-1258
            specials["windows-1258"] = u["code"]
            message(u, when(rng, 18), client="outlook2007", fname="KH TĐKT 2021 - {short}.pdf",
                    note="windows-1258 subject, body and filename")
        elif k == 4:  # just before the deadline
            specials["edge"] = u["code"]
            message(u, dt.datetime(2021, 2, 21, 23, 41, 7, tzinfo=TZ), client="iphone",
                    note="at 23:41 on the deadline day")
        elif k == 5:  # Apple Mail on a Mac: decomposed (NFD) filename
            specials["nfd"] = u["code"]
            message(u, when(rng, 17), client="applemail", fname="Kế hoạch thi đua khen thưởng năm 2021 - {short}.pdf",
                    note="Apple Mail, NFD filename")
        else:
            message(u, when(rng, rng.choice(days)))
    late_times = [dt.datetime(2021, 2, 22, 0, 17, 42, tzinfo=TZ), when(rng, 22, 8, 11),
                  when(rng, 23, 13, 16), when(rng, 24, 9, 11)]
    for u, t in zip(late, late_times):
        message(u, t, body=fmt(late_body, u, t),
                subject=fmt("Gửi bổ sung Kế hoạch thi đua khen thưởng năm 2021 - Trường {name}", u, t), note="late")

    # a teacher of a school that otherwise sends nothing, from her personal address;
    # the school is named only in the subject
    tu = silent[0]
    t = when(rng, 19, 20, 23)
    msgs.append({
        "unit": None, "names_unit": tu["code"], "client": "gmail", "sent": t,
        "from": "thuhuong.nguyen1987@personal.example", "display": "Thu Hương",
        "subject": "Kế hoạch thi đua khen thưởng năm 2021 - Trường %s" % tu["name"],
        "text": "Dạ em gửi Phòng kế hoạch thi đua khen thưởng năm 2021 ạ.\nEm cảm ơn ạ!",
        "sig": "Nguyễn Thu Hương",
        "attachments": [("KH TĐKT 2021.pdf", "application/pdf", scan_pdf(rng, t, 1, producer="CamScanner"))],
        "note": "teacher's personal address; school only in the subject",
    })
    # a stranger: an office-equipment seller
    t = when(rng, 15, 9, 11)
    msgs.append({
        "unit": None, "client": "yahoo", "sent": t,
        "from": "kinhdoanh.anphat@vanphongpham.example", "display": "Văn phòng phẩm An Phát",
        "subject": "Báo giá máy scan tài liệu cho trường học năm 2021",
        "text": "Kính gửi Quý Phòng,\n\nCông ty An Phát xin gửi báo giá máy scan, máy photocopy ưu đãi cho các "
                "trường học đầu năm 2021. Chi tiết xem file đính kèm.\n\nRất mong được hợp tác!",
        "sig": "Phòng Kinh doanh - Công ty TNHH Văn phòng phẩm An Phát\nHotline: 1900 0000",
        "attachments": [("Báo giá 2021.pdf", "application/pdf",
                         text_pdf(rng, t, ["# BAO GIA MAY SCAN - MAY PHOTOCOPY 2021", "",
                                           "Canon DR-C225 II ......... 8.900.000 VND",
                                           "Epson DS-530 II .......... 9.500.000 VND",
                                           "Brother ADS-2200 ......... 6.200.000 VND"]))],
        "note": "stranger (advertising)",
    })
    msgs.sort(key=lambda m: m["sent"])
    return msgs, on_time, late, silent, specials


# --------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description="Seed the office INBOX of the local mail stack with demo school mail.")
    ap.add_argument("--roster", required=True, help="units CSV (code,name,level,emails,...)")
    ap.add_argument("--office", required=True, help="office address = IMAP login, e.g. thidua.gdbd@pgd.example")
    ap.add_argument("--out", metavar="DIR", help="write the messages as .eml files here instead of appending")
    args = ap.parse_args()

    units = read_roster(args.roster)
    if len(units) < 8:
        sys.exit("demo-mail: the roster %s has only %d usable units; need at least 8" % (args.roster, len(units)))
    rng = random.Random(SEED)
    msgs, on_time, late, silent, specials = plan(units, rng, args.office)
    raws = [(m, build(m, rng, args.office)) for m in msgs]

    if args.out:
        os.makedirs(args.out, exist_ok=True)
        for i, (m, raw) in enumerate(raws, 1):
            with open(os.path.join(args.out, "%02d-%s.eml" % (i, m["unit"] or "unknown")), "wb") as f:
                f.write(raw)
        print("demo-mail: wrote %d messages to %s" % (len(raws), args.out))
    else:
        env = {}
        for k in ("MAILSTACK_HOST", "MAILSTACK_IMAPS_PORT", "MAILSTACK_CA_FILE", "MAILSTACK_PASSWORD_FILE"):
            env[k] = os.environ.get(k)
            if not env[k]:
                sys.exit("demo-mail: %s is not set (run `deploy/mailstack start DIR` and load DIR/env)" % k)
        with open(env["MAILSTACK_PASSWORD_FILE"], encoding="utf-8") as f:
            password = f.read().strip()
        ctx = ssl.create_default_context(cafile=env["MAILSTACK_CA_FILE"])
        try:
            imap = imaplib.IMAP4_SSL(env["MAILSTACK_HOST"], int(env["MAILSTACK_IMAPS_PORT"]), ssl_context=ctx)
        except (OSError, ssl.SSLError) as e:
            sys.exit("demo-mail: cannot connect to imaps://%s:%s: %s"
                     % (env["MAILSTACK_HOST"], env["MAILSTACK_IMAPS_PORT"], e))
        try:
            try:
                imap.login(args.office, password)
            except imaplib.IMAP4.error:
                sys.exit("demo-mail: login as %s refused" % args.office)
            typ, data = imap.select("INBOX", readonly=True)
            if typ != "OK":
                sys.exit("demo-mail: cannot open INBOX: %r" % data)
            existing = int(data[0])
            if existing:
                print("demo-mail: INBOX of %s already holds %d message(s); nothing appended."
                      % (args.office, existing))
                return
            imap.close()
            for m, raw in raws:
                internal = m["sent"] + dt.timedelta(seconds=rng.randint(3, 40))
                typ, data = imap.append("INBOX", None, imaplib.Time2Internaldate(internal), raw)
                if typ != "OK":
                    sys.exit("demo-mail: APPEND failed: %r" % data)
        finally:
            try:
                imap.logout()
            except Exception:
                pass
        print("demo-mail: appended %d messages to INBOX of %s" % (len(raws), args.office))

    def codes(us):
        return ", ".join(sorted(u["code"] for u in us)) or "-"
    print("  on time  (%2d units): %s" % (len(on_time), codes(on_time)))
    print("  late     (%2d units): %s" % (len(late), codes(late)))
    print("  nothing  (%2d units): %s" % (len(silent), codes(silent)))
    for m in msgs:
        if m["unit"] is None:
            print("  unknown sender: %s%s" % (m["from"], " (names %s in the subject only)" % m["names_unit"]
                                             if m.get("names_unit") else ""))
    labels = {"docx": "only a .docx", "text-pdf": "a text PDF, not a scan", "forgot": "forgot the attachment, sent again",
              "windows-1258": "windows-1258 (old Outlook)", "edge": "23:41 on the deadline day",
              "nfd": "Apple Mail, NFD filename"}
    for k, code in specials.items():
        print("  %-7s %s" % (code, labels[k]))


if __name__ == "__main__":
    main()
