package org.realname.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.realname.gateway.crypto.Sm3;

/** The chain rule: {@code hash = SM3(prev_hash_hex || canonical entry)}, hex, lower case. */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    static String link(String previousHash, AuditEntry entry) {
        byte[] input = (previousHash + "\n" + entry.canonical()).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(Sm3.digest(input));
    }
}
