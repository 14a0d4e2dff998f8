package org.realname.gateway.fault;

/**
 * A parsed {@code gateway.fault.halt-at}: which point halts, and on which hit of it.
 *
 * @param hit 1 for the first time the point is reached
 */
public record HaltAt(FaultPoint point, int hit) {

    public HaltAt {
        if (point == null || hit < 1) {
            throw new IllegalArgumentException("a fault point and a hit of at least 1 are required");
        }
    }

    /**
     * @throws IllegalArgumentException for an unknown point or a bad hit number, so a typo fails
     *         the start instead of silently arming nothing
     */
    public static HaltAt parse(String value) {
        String text = value == null ? "" : value.trim();
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        FaultPoint point = FaultPoint.ofWireName(name).orElseThrow(() -> new IllegalArgumentException(
                "gateway.fault.halt-at names no fault point: '" + name + "'"));
        if (colon < 0) {
            return new HaltAt(point, 1);
        }
        try {
            return new HaltAt(point, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gateway.fault.halt-at: the hit after ':' must be a positive number", e);
        }
    }
}
