package org.realname.gateway.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Whether an address is on the public internet, for the SSRF guard. Refused besides what
 * {@link InetAddress} classifies (unspecified, loopback, link-local, site-local, multicast):
 * IPv4 0/8, 100.64/10 (carrier-grade NAT), 192.0.0/24, 198.18/15 (benchmarking), 240/4 and
 * broadcast; IPv6 fc00::/7 (unique local) and IPv4-compatible/mapped forms of refused IPv4.
 */
final class PublicAddresses {

    private PublicAddresses() {
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return false; // fec0::/10 deprecated site-local
            }
            boolean first10Zero = true;
            for (int i = 0; i < 10; i++) {
                first10Zero &= b[i] == 0;
            }
            // ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped; Java usually unwraps these already)
            if (first10Zero && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}) && !isLoopbackOrPrivateV4(b[12], b[13]);
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0 || a0 >= 240) {
            return false; // this network; reserved and broadcast
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return false; // 100.64.0.0/10
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return false; // 192.0.0.0/24 protocol assignments
        }
        if (a0 == 198 && (a1 == 18 || a1 == 19)) {
            return false; // 198.18.0.0/15
        }
        return !isLoopbackOrPrivateV4(b[0], b[1]) && !(a0 >= 224);
    }

    /** 127/8, 10/8, 172.16/12, 192.168/16, 169.254/16: needed for the IPv6-embedded forms. */
    private static boolean isLoopbackOrPrivateV4(byte first, byte second) {
        int a0 = first & 0xff;
        int a1 = second & 0xff;
        return a0 == 127 || a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)
                || (a0 == 169 && a1 == 254);
    }
}
