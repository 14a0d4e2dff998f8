package org.realname.gateway.complaint;

/** Where a complaint stands; the names are stored. */
public enum ComplaintStatus {
    /** Filed, not answered yet. */
    RECEIVED,
    /** An operator recorded that it was answered. */
    ANSWERED
}
