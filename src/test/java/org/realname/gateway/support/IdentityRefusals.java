package org.realname.gateway.support;

import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.realname.gateway.error.GatewayException;
import org.realname.gateway.identity.IdNumber;
import org.realname.gateway.identity.PersonName;

/**
 * Every detail a refused name or ID number may carry, taken from the parsers with known inputs.
 * A refusal quotes nothing exactly when its detail is one of these: "does not contain the
 * input" is the wrong test, since a short input may well be a word of a fixed sentence (a name
 * {@code ccount_} is inside {@code account_id}), as fuzzing found.
 */
public final class IdentityRefusals {

    public static final Set<String> NAME = details(PersonName::parse,
            null, "张", "张".repeat(40), "A".repeat(200), "张3");
    public static final Set<String> ID_NUMBER = details(IdNumber::parse,
            null, "1", "11010519491231002A", "99010519491231002X", "11010519491332002X", "11010519491231002Y", "110105194912310021",
            "11010530000101002X");

    private IdentityRefusals() {
    }

    private static Set<String> details(Consumer<String> parser, String... inputs) {
        return Stream.of(inputs).map(in -> {
            try {
                parser.accept(in);
            } catch (GatewayException e) {
                return e.detail();
            }
            throw new IllegalStateException("a known refusal was accepted: update IdentityRefusals");
        }).collect(Collectors.toUnmodifiableSet());
    }
}
