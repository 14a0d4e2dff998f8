package org.realname.gateway.result;

/** A result's standing after it was written; its outcome never changes. */
public enum ResultStatus {
    /** As written. */
    VALID,
    /** The person reported "this was not me": no longer proof of a real-name binding. */
    DISPUTED,
    /** The account was erased: the identity can no longer be decrypted. */
    ERASED
}
