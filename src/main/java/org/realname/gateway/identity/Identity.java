package org.realname.gateway.identity;

/** A person's legal identity. Both parts mask themselves in {@code toString()}. */
public record Identity(PersonName name, IdNumber idNumber) {
}
