package org.realname.gateway.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Every address a host name resolves to; a seam so the SSRF rules can be tested without DNS. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
