package org.realname.gateway.web;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.enterprise.context.RequestScoped;

/**
 * The id of the current request, returned as {@code X-Request-Id} and as the problem
 * {@code instance}, so a user's report can be matched with the server log without any
 * personal data changing hands.
 */
@RequestScoped
public class RequestId {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    public RequestId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        this.value = HexFormat.of().formatHex(b);
    }

    public String value() {
        return value;
    }
}
