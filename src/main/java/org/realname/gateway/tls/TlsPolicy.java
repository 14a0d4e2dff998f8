package org.realname.gateway.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which protocols and cipher suites may ever be enabled. Only TLS 1.2 and 1.3; TLS 1.3 suites
 * (all AEAD), and TLS 1.2 suites only with ephemeral ECDH and an AEAD cipher. That excludes SSL,
 * TLS 1.0/1.1, RSA key exchange, static DH, anonymous, export, NULL, RC4, DES/3DES and every CBC
 * suite (CBC-SHA1 among them) by construction rather than by a blocklist that could miss a name.
 */
public final class TlsPolicy {

    /** The RFC 8998 ShangMi suites for TLS 1.3. */
    public static final String TLS_SM4_GCM_SM3 = "TLS_SM4_GCM_SM3";
    public static final String TLS_SM4_CCM_SM3 = "TLS_SM4_CCM_SM3";

    private static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");
    private static final Pattern TLS13_SUITE = Pattern.compile(
            "TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256|AES_128_CCM_SHA256|SM4_GCM_SM3|SM4_CCM_SM3)");
    private static final Pattern TLS12_SUITE = Pattern.compile(
            "TLS_ECDHE_(ECDSA|RSA)_WITH_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)");

    private TlsPolicy() {
    }

    /** The reasons to refuse {@code protocols} and {@code suites}; empty when they are acceptable. */
    public static List<String> problems(List<String> protocols, List<String> suites) {
        List<String> problems = new ArrayList<>();
        if (protocols.isEmpty()) {
            problems.add("no protocol enabled (gateway.tls.protocols)");
        }
        for (String p : protocols) {
            if (!PROTOCOLS.contains(p)) {
                problems.add("protocol " + p + " is not allowed; only TLSv1.3 and TLSv1.2 (gateway.tls.protocols)");
            }
        }
        if (suites.isEmpty()) {
            problems.add("no cipher suite enabled (gateway.tls.cipher-suites)");
        }
        for (String s : suites) {
            if (!isAllowedSuite(s)) {
                problems.add("cipher suite " + s + " is not allowed: only TLS 1.3 suites and ECDHE with AES-GCM or"
                        + " ChaCha20-Poly1305 (gateway.tls.cipher-suites)");
            }
        }
        if (protocols.contains("TLSv1.2") && suites.stream().noneMatch(s -> TLS12_SUITE.matcher(s).matches())) {
            problems.add("TLSv1.2 is enabled without any TLS 1.2 suite (gateway.tls.cipher-suites)");
        }
        if (protocols.contains("TLSv1.3") && suites.stream().noneMatch(s -> TLS13_SUITE.matcher(s).matches())) {
            problems.add("TLSv1.3 is enabled without any TLS 1.3 suite (gateway.tls.cipher-suites)");
        }
        return problems;
    }

    static boolean isAllowedSuite(String suite) {
        String s = suite.toUpperCase(Locale.ROOT);
        return suite.equals(s) && (TLS13_SUITE.matcher(s).matches() || TLS12_SUITE.matcher(s).matches());
    }

    /** True for the RFC 8998 suites, which need an SM2 certificate, {@code sm2sig_sm3} and {@code curveSM2}. */
    public static boolean isShangMi(String suite) {
        return TLS_SM4_GCM_SM3.equals(suite) || TLS_SM4_CCM_SM3.equals(suite);
    }
}
