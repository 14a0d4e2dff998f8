package org.realname.gateway.support;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;

/**
 * Class name order, except that classes with an {@link Order} run by that number after all
 * others (the suite-wide personal-data scan must see what every other test left behind).
 * Quarkus's profile-aware orderer uses this as its secondary orderer (quarkus.test.class-orderer,
 * set for Surefire in the pom).
 */
public class RunLastClassOrderer implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparingInt((ClassDescriptor d) -> d.findAnnotation(Order.class).map(Order::value).orElse(0))
                .thenComparing(d -> d.getTestClass().getName()));
    }
}
