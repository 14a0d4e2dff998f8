package org.realname.gateway.result;

/** What the provider concluded. Nothing else about the comparison is kept. */
public enum Outcome {
    PASS, FAIL
}
