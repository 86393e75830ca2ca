import Foundation

/// A scanned page with the school's red seal, as the tests' scans: the JPEG that
/// `scripts/mailgen/images.py` embeds (`JPEG_B64`: a 210 × 297 page drawn by its
/// `draw_page`, encoded by libjpeg-turbo), so the Swift and Python generators send the same
/// picture. The document check finds its seal (and notes its low resolution).
public enum ScanSample {
    public static let jpeg: [UInt8] = [UInt8](Data(base64Encoded: base64, options: .ignoreUnknownCharacters)!)

    /// The page as a one-page PDF, the JPEG as its page image, as a scanner writes it.
    public static let pdf: [UInt8] = pdf(pages: [(jpeg, 210, 297)])

    /// A PDF of A4 pages, each one JPEG (bytes, pixel width, height) filling it, with a
    /// correct cross-reference table.
    public static func pdf(pages: [(jpeg: [UInt8], width: Int, height: Int)]) -> [UInt8] {
        var out = Array("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        func object(_ body: [UInt8]) {
            offsets.append(out.count)
            out += Array("\(offsets.count) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let kids = pages.indices.map { "\(3 + $0 * 3) 0 R" }.joined(separator: " ")
        object(Array("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        object(Array("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>".utf8))
        for (index, page) in pages.enumerated() {
            let image = 4 + index * 3
            object(
                Array(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 \(image) 0 R >> >> /Contents \(image + 1) 0 R >>"
                        .utf8))
            object(
                Array(
                    "<< /Type /XObject /Subtype /Image /Width \(page.width) /Height \(page.height) /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length \(page.jpeg.count) >>\nstream\n"
                        .utf8) + page.jpeg + Array("\nendstream".utf8))
            let contents = "q 595 0 0 842 0 0 cm /Im0 Do Q"
            object(Array("<< /Length \(contents.utf8.count) >>\nstream\n\(contents)\nendstream".utf8))
        }
        let xref = out.count
        out += Array("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { out += Array(String(format: "%010d 00000 n \n", offset).utf8) }
        out += Array("trailer << /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }

    private static let base64 = """
        /9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABIMDRANCxIQDhAUExIVGywdGxgYGzYnKSAsQDlEQz85Pj1HUGZXR0thTT0+WXlaYWlt
        cnNyRVV9hnxvhWZwcm7/2wBDARMUFBsXGzQdHTRuST5Jbm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5u
        bm5ubm5ubm7/wAARCAEpANIDASIAAhEBAxEB/8QAGgABAAIDAQAAAAAAAAAAAAAAAAQFAgMGAf/EAEkQAAAEBAMCCgcFBQYHAQAA
        AAABAgMEBRESExQhMUEGFRYiIzJRVdHSJFRWYZGjpHGBkpOUJjNlZuM0QlJiocElY2RzseHwov/EABgBAQEBAQEAAAAAAAAAAAAA
        AAABAgME/8QAJBEBAAICAgEDBQEAAAAAAAAAAAECAxEhMRKxwfAzQVFh4fH/2gAMAwEAAhEDEQA/AO230HoAIAAI0dHw0vZJ2Lcw
        0Gq0jtM9du77AEkBU8p5R638tfgHKeUet/LX4ALYBU8p5R638tfgHKeUet/LX4ALYBUFwmlCSIiiz07W1n/sPeU8o9b+WvwAWwCH
        AzODmV+TexMOl3NUmldm0vcJgAAhTGbwUqw889hYlbOYpVaUrsI+0hC5WyT135S/ABdAKXlbJPXflL8A5WyT135S/ABdAKXlbJPX
        flL8A5WyT135S/ABdAKXlbJPXflL8A5WyT135S/ABdAKXlbJPXflL8A5WyT135S/ABdAKXlbJPXflL8A5WyT135S/ABdANbDyIhh
        t5pVzbiSWk6UqRlUhsAAAAAAABAnEe/LoVLsNBORizWSTbbrUioZ10I+z/UU/KiZ+zkZ8VeQdOADmOVEz9nIz4q8gcqJn7ORnxV5
        B0xVpqZH9hDVEIiF25d1tum29s1V7NiiFHPcqJn7ORnxV5A5UTP2cjPiryC8w5h61C/plecMOYetQv6ZXnAUfKiZ+zkZ8VeQOVEz
        9nIz4q8g6BhEUlZnEPMrTTQkNGg6/aajG8BzHKiZ+zkZ8VeQWklmkTMsbNS16Cw7bcSvPrWtKkWyn+oswEGiJg4aLtzUOy9bW3EQ
        SqV20qNPE0s7ug/yE+AmgA5mcnDy6LQzD8GWoxKkErEbZKhHU9NEHrpUQs//ACX8n+mOzGh9EUpZHDvMoTTUltGs6/aSiFHJ5/8A
        kv5P9MM//Jfyf6Y6jDmHrUL+mV5ww5h61C/plecBy+f/AJL+T/TDP/yX8n+mOow5h61C/plecMOYetQv6ZXnAcvn/wCS/k/0wz/8
        l/J/pjqMOYetQv6ZXnEhonCbInlJWveaE2kf3VP/AMgKuWwEDGwLb78lhoZxdatLYTVNDMt6S7K7N4lcTSzu6D/IT4CaAgwQlLSE
        NtoJKElaRJIiJJEXZ2DMAAAAAAAAAEaOgIaYMk1Ft4iCVcRXGWuzd9okgAqeTEo9U+YvxDkxKPVPmL8RbAAqeTEo9U+YvxDkxKPV
        PmL8RbAAqOS8orXKn9mIvxE6BgIaXsm1CN4aDVcZXGeuzf8AYJBnQjMiM6bi3j0AAAAAAAGiKgoeMaJqIbvQSriKplr932mInJ+W
        +rfMV4iyABW8n5b6t8xXiHJ+W+rfMV4iyABW8n5b6t8xXiHJ+W+rfMV4iyABWFIJbQqw2vucV4hxBLa0yv34ivEWY811AV3J+W+r
        fMV4jfCSuDgnTchmbFmVpncZ6fefuEsAAAAAAAAAAAAAAAAB4REWwqAPQAAAAAAAUvCOZTOX5fiuDzN92J0Sl20pTqnptP4Ck5R8
        Ju5/pXfEB2oDiuUfCbuf6V3xDlHwm7n+ld8RR2oDiuUfCbuf6V3xE6TTuexc0ZYjpbgQ6rr3MBxNKJMy1M6baAOnHhnQjM66dhVH
        oCAAAADwjqVR6AAAAAAAAAAAAPKa1r9w9AAAAABFmS4tuBcXL2kOxJUsQs6EepV3lurvEoea12FQBzWe4Wd1wn4i84Z7hZ3XCfiL
        zjphqimlPwrzTbhtLcQpKXE7UGZUqX2AOez3CzuuE/EXnDPcLO64T8Receq4NTNSjUfCKKqZ10JRF8Lx5yYmXtFF/BXnFDPcLO64
        T8RecM9ws7rhPxF5w5MTL2ii/grzhyYmXtFF/BXnADjuFhFU5ZBkRf5y84FH8LDM/wDhcJp/mLzhyYmXtFF/BXnDkxMvaKL+CvOA
        Z7hZ3XCfiLzhnuFndcJ+IvOHJiZe0UX8FecOTEy9oov4K84BnuFndcJ+IvOGe4Wd1wn4i84cmJl7RRfwV5w5MTL2ii/grzgGe4Wd
        1wn4i84Z7hZ3XCfiLzi4k8A/L4VTUTGuRizWaiccrUioRU1M+z/UTgEGTuzF6FUqasNsPEsySls6kaaFrtPfUTgAQAHhmRFUzoRD
        0AAAAAAAAAAAAAAAEFMVHG9EJVLrUNpUbS8dJ4plsKm6vv2CPxhN+5Pq0eAC2AVzkZMUw7K0Su91d2I3mElh0PTXfUIuMmLUQpEP
        K8doqWuZhKbtOwwFhTWu8eivcjJimGaWiWXOquvax08yh6a76lqNPGE37k+rR4ALYBEVERZRD6EwVzSGzU25ikWIqhc2m7fqfYIn
        GE37k+rR4ALYBXORkxTDsrRK73V3YjeYSWHQ9Nd9RsTExxtwyjl5EpxVHU45dEVduznaa6AJoCCmKjjeiEql1qG0qNpeOk8Uy2FT
        dX37BH4wm/cn1aPABbAK6LjJi1EKRDyvHaKlrmYSm7TsMM5McnicV9PiW4OYT1ada7Zt0oAsQFdERkxbwsGV41zZKX6QlNit6ddt
        O0bFxMcTkOSZeSkOEk3VY5FhGe0qU1p7toCaAq3o6aIeWlqT4iCUZJXmUlcW46bhm3GTFUO8tcrsdRbht5hJ4lT113UAWICrZjpo
        t5CXZPhoNREpeZSdpbzpvG44qOJMSZS6ptqImSx09MVaV/y6a6gJwDBlS1soU6jDWaSNSK1tPeVd4zAAAAAAAAHOxUHwoVFPKhpj
        CoYNajbSpJVJNdCPmdg6IVb3B2VvvLddhbluKNSjxFFUz1PeArMjwt70g/wl5AyPC3vSD/CXkG5yK4Ow62WFrtVAuKw00cOxV1T+
        3UveEPydiox2KZ5z7VYlaukKlDqaqHpt3CjTkeFvekH+EvIGR4W96Qf4S8gkPOyBuEW66dGZio1KOjnSGlVT95an7hC/ZH/7GAbc
        jwt70g/wl5AyPC3vSD/CXkG6Z8nURCWI/R2HbS2Sek5qSKpFpt2hNeTvGLvGP9p0v/edhU2abKANOR4W96Qf4S8g6KFS8mFZTEqJ
        b5ISTik7DVTUy+8UbnJ2PhzfX0jUG2hs1dIVia0SXvGluK4LtQ7zCF0aftxE0d51DqQDpwHPfs7xP/0WP/zP3lvx2fcIn7I//YwD
        rAETiuE4xz+D6T/juPspsrTYInJiUeqfMX4iC2AVzcilzUO8wiHo0/biJvVzqHUt4Q8il0Li4MPbitm2vnqOqT2lqYCxAVPJiUeq
        fMX4ja5Ipc7DssLh6tMXYab1c2p1PeAsQFTyYlHqnzF+I2xEil0VhY0PdhNk2jnqKiS2FoYCwI6j0ROK4TjHP4PpP+O4+ymytNgi
        cmJR6p8xfiAtgGDLSGGUNNFahtJJSVa0ItCGYAAAAAAAArH42aIdUlqUk6gjMkrzKSqVdDoZadv3izABXREZMW8LBleNc2Sl+kJT
        YrenXbTtByMmKIZlaJXiOruxG8wksPXTXfUhg9AzRby1NTjDQajNKMsk7S3FXeM4iDmLmFgzTBtbJK/R0qvVvVrsr2Cg5GTFMOyt
        ErvdXdiN5hJYdD0131CIjJi3hYMrxrmyUv0hKbFb067adoRUJMHn1OQ01wGlUtby6V007T29oNwcxTDvIXNL3V24bmXSWHQ9dN9Q
        GrjCb9yfVo8BtiIyYt4WDK8a5slL9ISmxW9Ou2naMGYGaIeQp2cYiCURqRlklcW8q7huOFjjTEkUxobiiNk8BPQlWtP82mmoDxcX
        HpdYSmW3oWlJuqJ9JYZntKm+n+o1PR00Q8tLUnxEEoySvMpK4tx03DHi+b99/SI8RtycxyeHxp0+JdjZdPVp1bdm3WoBDxkxcxca
        V4NrZqR6QlV6tydNle0ISMmLsQlERK8Bo63OZhKrdOwgiIOYuYWDNMG1skr9HSq9W9WuyvYEJBzFqISuImmO0Vbm8ulN2naQDVxh
        N+5Pq0eA25yY5PE4r6fEtwcwnq0612zbpQauL5v339IjxG1uDmKYd5C5pe6u3Dcy6Sw6HrpvqAwZjpot5CXZPhoNREpeZSdpbzpv
        B6OmiHlpak+IglGSV5lJXFuOm4ZwkHMWohK4iaY7RVuby6U3adpDVxfN++/pEeIDbERkxbwsGV41zZKX6QlNit6ddtO0auMJv3J9
        WjwG2Lg5i7EKXDzTAaOlreXSq3TtMauL5v339IjxAbYiMmLeFgyvGubJS/SEpsVvTrtp2hDxkxcxcaV4NrZqR6QlV6tydNle0IuD
        mLsQpcPNMBo6Wt5dKrdO0wcg5iqHZQiaWOouxHMuk8Sp6abqAEJGTF2ISiIleA0dbnMwlVunYQ1cYTfuT6tHgPCl843zr6VA3RcH
        MXYhS4eaYDR0tby6VW6dpgJzKlrZQp1GGs0kakVrae8q7xmMGUrQyhLq8RZJIlLpS49503DMQAAAAB5TWuvxHoDwz2aV/wBhzMXy
        Xzj2Z/f4isT971q67NNo6cVb0dNEPLS1J8RBKMkrzKSuLcdNwCFF8nY1CplEc9K3CbU50hVUSdlC9xdgQfJ1yHi2IXVpTeI8npOq
        g6117K7hYNxkxVDvLXK7HUW4beYSeJU9dd1Ah4yYuYuNK8G1s1I9ISq9W5OmyvaKKluF4Luw7z6EVaYtxFVd5tToQNxXBdqHeYQu
        jT9uImjvOodSFjxhN+5Pq0eA2w8ZMXMXGleDa2akekJVercnTZXtAVTkJwYbhmohbZk07caFVdOtDof2anvG2L5OwSFS2I5iUOE4
        pvpDoo07al7j7RL4wm/cn1aPAbYuMmLUQpEPK8doqWuZhKbtOwwERiKkSqR7S65FtLZLo5zEnUiKm/afaIkRC8F4XCxkW4rZOI1d
        OqT2HoLZyMmKYdlaJXe6u7EbzCSw6HprvqNXGE37k+rR4AIieTspiGH09E6psnG1dIqqVEZV3+/aNLkLwXah2X1oo0/dhqq7zqHQ
        x0jKlrZQp1GGs0kakVrae8q7xmA55PJ2UxDD6eidU2TjaukVVKiMq7/ftEZl3gow8h1o7VtqJSTo6dDLUh1QAObjmuDSHidiyouJ
        TjkdXecSta6bBmnk7KYhh9PROqbJxtXSKqlRGVd/v2joQAcw3C8F3Yd59CKtMW4iqu82p0IZwrvBpSVwUOekUpCVIo7zjI+bqezU
        x0gAOVea4KMPLadK1bajSoqunQy0MSf2d4n/AOix/wDmfvLfjs+4dCADm1NcGpe9DuqLDWaUvtHV09NpH/pvCYNcGmY55MaVIg1X
        OFV3aeu7TeOkABgy6h9lDrR3IcSSknSlSPUhmACAAAAAAAAAACuycxzmJxp0GJdg5dPVr1btuzSowegZot5ampxhoNRmlGWSdpbi
        rvEI4Xg7GzRxg0Xxa3FXJq4VVFU1e7cYQfJ1uHi34XRpLeG8rpOqs6U17abhRYQkHMWohK4iaY7RVuby6U3adpBCQcxaiEriJpjt
        FW5vLpTdp2kKmEheC8bEJYh0XurramrpVoVd/wBgNxXBdqHeYQujT9uImjvOodSAW2TmOTw+NOnxLsbLp6tOrbs261GDMDNEPIU7
        OMRBKI1IyySuLeVdwrG4Xgu7DvPoRVpi3EVV3m1OhCQpqQIZh5eoqIiVJfabq5zjVzSOu77wEt6Bmi3lqanGGg1GaUZZJ2luKu8Z
        w8HMW8XGmmNc2aUejpTYrcrTbTsEGGk8gi3n2mGL1sKtcK9wrT1LeeuwxO4il2TyuX6DExLb1dalK1rXYANwcxTDvIXNL3V24bmX
        SWHQ9dN9Qh4OYt4uNNMa5s0o9HSmxW5Wm2nYEXIpdGxCn4iHvdXS5V6irQqbj9wNyKXNQ7zCIejT9uIm9XOodS3gEJBzJqJSuJmm
        O0Vat5dKbtO0tmoZOY5PD406fEuxsunq06tuzbrUauTEo9U+YvxG3iKXZPK5foMTEtvV1qUrWtdgA5BzFUOyhE0sdRdiOZdJ4lT0
        03UCHg5i3i400xrmzSj0dKbFblabadg1cmJR6p8xfiNsXIpdGxCn4iHvdXS5V6irQqbj9wDVxfN++/pEeI2uQcxVDsoRNLHUXYjm
        XSeJU9NN1A4il2TyuX6DExLb1dalK1rXYEJIpdBRCX4eHsdRW1V6jpUqbz94A3BzFMO8hc0vdXbhuZdJYdD1031Gri+b99/SI8R4
        XBmTmRGUJUj/AOavxG6IkUuisLGh7sJsm0c9RUSWwtDAHIOYqh2UImljqLsRzLpPEqemm6g1cXzfvv6RHiNrcilzUO8wiHo0/biJ
        vVzqHUt4OSKXOw7LC4erTF2Gm9XNqdT3gLEBgy0hhlDTRWobSSUlWtCLQhkVaFUyM99BB6AAAAAAPDrTTaPQABBOKjiTEmUuqbai
        JksdPTFWlf8ALprqMHIyYph2Vold7q7sRvMJLDoemu+owegZot5ampxhoNRmlGWSdpbirvGcXBzF2IUuHmmA0dLW8ulVunaYoORk
        xTDsrRK73V3YjeYSWHQ9Nd9Rq4wm/cn1aPAbW4OYph3kLml7q7cNzLpLDoeum+o1cXzfvv6RHiA2xcZMWohSIeV47RUtczCU3adh
        hnJjk8Tivp8S3BzCerTrXbNulAbg5imHeQuaXurtw3MuksOh66b6hk5jk8PjTp8S7Gy6erTq27NutQByMmKYdlaJXe6u7EbzCSw6
        HprvqNXGE37k+rR4BxfN++/pEeImoZiUxzjq4q6HUmiWMMitPTW7aew/iAjxEZMW8LBleNc2Sl+kJTYrenXbTtByMmKYdlaJXe6u
        7EbzCSw6HprvqLEBBXNxkxVDvLXK7HUW4beYSeJU9dd1Bq4wm/cn1aPAWwAK5yMmKYdlaJXe6u7EbzCSw6HprvqDcZMVQ7y1yux1
        FuG3mEniVPXXdQWIAKnjCb9yfVo8BLzEXxjg5L0b1jFLsr1du3QSwAVzcZMVQ7y1yux1FuG3mEniVPXXdQauMJv3J9WjwFsACui4
        yYtRCkQ8rx2ipa5mEpu07DBuMmKod5a5XY6i3DbzCTxKnrruoLEAGDKlrZQp1GGs0kakVrae8q7xmAAAAAAAAADnn4rg60uMYeXR
        T7npCaOc5RKM/wDzXYOhHOxXCOYMRTzTcginUNrUlLibqLIjpUuZvAam4Xgu7DvPoRVpi3EVV3m1OhBERXBeKwsZd2E2TaNHSokt
        haByomfs5GfFXkDlRM/ZyM+KvIKN0Zydbh4RiK0aS3iMp6TqrOtdO2m8acrwXyeas6DEw7qu9alaU27A5UTP2cjPiryByomfs5Gf
        FXkAZqj+DS3od1TlVwyUpaO13mknUvt+8Iprg0pKI2ILSKUtSV1d5xkfO0LZqYw5UTP2cjPiryDbC8I5g/FMtOSCKaQ4tKVOKuog
        jOlT5m4BiTXBqDTDRpFYS1GpldXTqaT7PcfaNLzvBR95brp3LcUalHR0qmepjqgAc9NeTvGLvGP9p0v/AHnYVNmmygyQ7IJFHOJQ
        eBEEm1RUcVodD95dgvwAV0XPZdBRCmIiIsdRS5NijpUq7i94cey7J5rMdBiYd1iutStKUrsFiAgqeU8o9b+WvwG3j2XZPNZjoMTD
        usV1qVpSldgsQAV3HsuyeazHQYmHdYrrUrSlK7A49l2TzWY6DEw7rFdalaUpXYLEAFTynlHrfy1+A2xc9l0FEKYiIix1FLk2KOlS
        ruL3ixABXNz2XOw7z6IirTFuIqxXNqdC3BCT2XRsQliHiL3V1tTYoq0Ku8vcLEAGDLqH2UOtHchxJKSdKVI9SGYAAAAAAAAAKt6B
        mi3lqanGGg1GaUZZJ2luKu8Wggpk8Ch6IdSxRcSlSXTvVziVqe/T7gGERBzFzCwZpg2tklfo6VXq3q12V7Ah4OYt4uNNMa5s0o9H
        SmxW5Wm2nYKxuB4MuxxwaG6xBKNNlzpalWuuzcYzb5OtSt5aNIR9xLbh9JzlFziLtFEvi+b99/SI8Rth4OYt4uNNMa5s0o9HSmxW
        5Wm2nYK+J5O8XQeP/ZufgfvO3nbNdvaNMPFcF4XFwV24rZtr0dOqT2lqAs2YGaIeQp2cYiCURqRlklcW8q7gegZot5ampxhoNRml
        GWSdpbirvFZFwvBeCiFMRCLHUUuTV06VKu77Rug+TrcPFvwujSW8N5XSdVZ0pr203ALJcLHm/DqTMLW0JSTqMFPSmR6nXdX3bBjk
        5jnMTjToMS7By6erXq3bdmlRUw8VwXhcXBXbitm2vR06pPaWoZXgvk81Z0GJh3Vd61K0pt2ALlMLHE9EKVMbkOJUTSMBJYRnsOu+
        nv2jCHg5i3i400xrmzSj0dKbFblabadgr4zk65Dwj8Vq0pvDZV0nVQdKadld40xcVwXjYhT8Qu91dLlUdKtCpu+wBY8Xzfvv6RHi
        NsRBzFzCwZpg2tklfo6VXq3q12V7BAjFcHoVCpdFGaSQsnDbM3Doq0iLUvdTeNELC8GI2KQxDJJbi60TV0q0Ku0/cRgLaIg5i5hY
        M0wbWySv0dKr1b1a7K9gZOY5PD406fEuxsunq06tuzbrUVLkVwXdh2WFrq0xdhpo7zanUxu/Z2Fl3+GGjf8AuHfYfxKh/YAsMnMc
        nh8adPiXY2XT1adW3Zt1qMGYGaIeQp2cYiCURqRlklcW8q7hWORXBd2HZYWurTF2GmjvNqdTCIheC8LhYyLcVsnEaunVJ7D0AWb0
        DNFvLU1OMNBqM0oyyTtLcVd4zh4OYt4uNNMa5s0o9HSmxW5Wm2nYK9zk67K2Vr1hGHFNtn0nNUfOMu0G+TsBDk+jo2oxtbZK6Q70
        1oovcAl8Xzfvv6RHiNuTmOTw+NOnxLsbLp6tOrbs261FMy1wUfeQ00Vy3FElJVdKpnoQ3RzvBpbxNRZ1XDJwCKjvNJOlNNoDpAGm
        Ewcmzlv3GGnD29Wmm3XYNwgAAAAAAAA8KutfuFY9AzRby1NTjDQajNKMsk7S3FXeAPR00Q8tLUnxEEoySvMpK4tx03DOEjJi7EJR
        ESvAaOtzmYSq3TsIIiDmLmFgzTBtbJK/R0qvVvVrsr2BDQcybJ3MTQnbkKSijCSsVuV7/sFBqNmK4d9a5XY6i2xvMJO+p667qFqN
        XGE37k+rR4BxfN++/pEeI2twcxTDvIXNL3V24bmXSWHQ9dN9QCIjJi3hYMrxrmyUv0hKbFb067ado1cYTfuT6tHgHF8377+kR4ja
        5BzFUOyhE0sdRdiOZdJ4lT003UAIiMmLeFgyvGubJS/SEpsVvTrtp2hFxkxaiFIh5XjtFS1zMJTdp2GMGYGaIeQp2cYiCURqRlkl
        cW8q7gegZot5ampxhoNRmlGWSdpbirvAZ5yY5PE4r6fEtwcwnq0612zbpQM5McnicV9PiW4OYT1ada7Zt0oDkHMVQ7KETSx1F2I5
        l0niVPTTdQYMwM0Q8hTs4xEEojUjLJK4t5V3AM85McnicV9PiW4OYT1ada7Zt0oEXGTFqIUiHleO0VLXMwlN2nYYzahY5Mcbrkxv
        h7lHgYCS0OtCu26afAR+L5v339IjxAbYiMmLeFgyvGubJS/SEpsVvTrtp2hERkxbwsGV41zZKX6QlNit6ddtO0SIFmJYZNMXFZlZ
        qqS8MkULsoX/ANqJIgrnIyYph2Vold7q7sRvMJLDoemu+owZjpot5CXZPhoNREpeZSdpbzpvFoACuzkxzmHxX0GJbjZhPVr1rduz
        Wgwejpoh5aWpPiIJRkleZSVxbjpuFoPDIjpUtmwBXw8ZMXMXGleDa2akekJVercnTZXtGDMdNFvIS7J8NBqIlLzKTtLedN4tAAAA
        AAAAAAeUIq0LaPQABFmEbkGEu5aJiKqtsh271FoetOzQV/KP+Dzf9N/7AXQCl5R/web/AKb/ANhyj/g83/Tf+wF0A0QcTm4VD+C8
        zdXo3k2rKh01IbiMlERkZGR6kZAPQAAAAAAAAAAAU05k0ZMYpLsNNn4JCUEk2260M6mddFF2/wCgC4qPRzHJeZ+0kZ8FecOS8z9p
        Iz4K84DpwHMcl5n7SRnwV5w5LzP2kjPgrzgOnAcxyXmftJGfBXnF7LIV2CgG4d+JXFOIrV5daqqZnvM+2m3cAk01I9dNNo9AAAAA
        AAAAAAAEaOzmCWQwMW7XHrbT7t+wQv2g/hfzBJmqGXIZJREa5BpvKjiHSbMzoelT/wDHuFXlpf7RxX65Iol/tB/C/mB+0H8L+YIm
        Wl/tHFfrkhlpf7RxX65ICX+0H8L+YPU8f15xSwyoew3C13CKy1L2nkOcoX12KJVq41JpVTcZdgtONZf6/C/nJ8QGUDnME8/gYt2m
        BW2n379okjFC0uIStCiUlRVJRHUjLtGQgAAAAAAAI0dHMwKEm7cpSztQ2gqqWfuIbIl9ELDuPOnRCCqfv932ijbQ84lc0xCKJIr7
        XCqTTZ6pp2lStTLXbTUjI5Mu2LHFubdJDrs0caW6483CpQZkaGkpcUnfzjM6Fu1LtqdC2a8u83EMJZi5glTqCUSnVYlhnuUimz31
        0OlaaCTBQGIhxTiFQ7Di70MEdFEW0qntLXnERUoZmMmTgIiLehmol5TzPXSUS5p/+tab+wSKzPLrOStZ17fPdFbmcbD3m4gothoq
        uLSixxJV2mWw9h6FsprQ6i4ZdbiWUusuXIVqSk7xWRjD8MgiTEJahyNPSkRINJ6ERqIioZFoXZTQy/vFDTN4WGnaiZfNLbzlrzK0
        0tVTrkewveR67al2I2l61vG69+v9dGACDxvC57K1VW6zFt6PE/wXf4vd/voNxEz08qcAAIAAAAAAAAAANTzDMU2SX2UOorcSXEVo
        f2GNPFUv9QhfyU+AlgAicVS/1CF/JT4BxVL/AFCF/JT4CWACJxVL/UIX8lPgPDlUBQ6QMLX/ALKfATAAYoQltCUISSUpKhJIqERd
        g9Ou4egAAAAPDMiKpnQiHoAArJ7VcMzDmZYcQ+20qhakVamZH9xCG3EMLmCSUwbKluJU4Vap61CMtCMqrw676pOpFTWdPEqKCQ+k
        jUcM6l6wi6xEev2ba19whKZZaiCRDrcJlKTueS9qlCkkWm6hXJOp6kSSrpbXE9vXj+nx+/notJnFLg4JbrbanF9VBEVeceialWtK
        mRaa6jmkTxth8lJJ02WTSbZqJN1Njl1Nt1TVt6xEYvYd+Ki3SStlxpUMR4hqI0IdXShWnrVHWPt6pjVCSBmCdYeZdVitnVSlFUlE
        ZUMqbvd/uN23ExpzxTi8becc/ZOjTUuAcJLRqW4mwkK1oatOdQ9hV1MtxGKR2FiX5S82/bgsoWZK0M8RGhnXbzjIzrt1UR7SMWDc
        vTALxnIh51iHI8uwf9wzKlK7VHrRNdlaCBEmtiUqiM0ayW2pDjZqLVa9TIiLTaq4jLcW0yMqLTEdLgibJkPNkRUuYQxEtqjnkki0
        jK5Cqc5Rp91DPsOlN5CdkWVQWUdTismm1RL2qPeZn2mete3UeQUE3DNNGbTWYS0ltbiUlVVCItu2mglDW/w4T3IAAMoAPCMjrQ9m
        0egAAAAADw6002gPQAAAAAAAeF2aj0AAAAAAAAAHhV1r9wApKVpNKyJSVFQyMqkZChbxoN9uXqdNgjcq07tJ5NS0M6dYipTcdCIy
        pSt+KOP4QSJSnYWNfSo21GlSVNLO1RVI6HTbt1ISY2647+PE9M4eMOFbVg8+DaM0qxVGRt84iJJGZe+lFUpTU6UMTc6s3cJMK4Tp
        lcSVLbLTZU6KM6e+hjmVTmXMN4cNNkPskZWtRTDh26U0URV91NlDMY8oYarJ5qAqwRE2ZIiOaRadnx7d4zy7TGO3O4XRrcj4dMUT
        rRuMqvQgz6NBV0WdetoVK6U1oVxUGEuh24+KQ+2xgwbJ3Ioo6OOV2kR/3SOtC02n2mQrEzWSvnWYTMnEmo3MFqHW2i49taFVXuM9
        fiLRPCyRISSURhJSkqERMrIiL8IsVme0tlisap/i8AUvK6Seu/KX4CbLZvAzXEyL+LhUv5ik0rWm0i7DGnlTQAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAQ3JTL3FqWuAhFrUdVKUykzMz2mZ0EwAELiaWd3Qf5CfAOJpZ3dB/kJ8BNABC4mlnd0H+QnwDiaWd3Qf5Cf
        ATQAQuJpZ3dB/kJ8BuhoKFhLsrDMsXUuw0EmtNlaDeAAAAAAAAAAAD//2Q==
        """
}
