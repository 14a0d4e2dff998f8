package org.realname.gateway.keys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to do at start to bring the database's key statuses in line with the key source, and
 * why not to start at all. Pure, so the fail-closed rules are unit-tested:
 * <ul>
 *   <li>the source has no version of the kind → refuse;</li>
 *   <li>a version the database knows as ACTIVE, PASSIVE or DISABLED is missing from the source
 *       → refuse (data under it could not be opened, or signatures checked);</li>
 *   <li>versions in the source the database does not know are registered PASSIVE, except that
 *       on a database with no version of the kind yet the highest becomes ACTIVE;</li>
 *   <li>afterwards no ACTIVE version → refuse. Never a silent fallback key.</li>
 * </ul>
 *
 * @param inserts key ids to register, with their status
 * @param problems reasons to refuse to start; empty when fine
 */
record KeyRingPlan(KeyKind kind, Map<String, KeyStatus> inserts, List<String> problems) {

    static KeyRingPlan of(KeyKind kind, Set<String> sourceIds, Map<String, KeyStatus> known) {
        List<String> problems = new ArrayList<>();
        Map<String, KeyStatus> inserts = new java.util.TreeMap<>();
        if (sourceIds.isEmpty()) {
            problems.add("the key source has no " + kind + " key");
        }
        known.forEach((keyId, status) -> {
            if (status != KeyStatus.DESTROYED && !sourceIds.contains(keyId)) {
                problems.add(kind + " key " + keyId + " is " + status + " in the database but missing from the key source");
            }
        });
        List<String> unknown = sourceIds.stream().filter(id -> !known.containsKey(id))
                .sorted(Comparator.comparingInt(id -> kind.purpose().version(id))).toList();
        boolean hasActive = known.containsValue(KeyStatus.ACTIVE);
        for (int i = 0; i < unknown.size(); i++) {
            boolean newest = i == unknown.size() - 1;
            inserts.put(unknown.get(i), !hasActive && known.isEmpty() && newest ? KeyStatus.ACTIVE : KeyStatus.PASSIVE);
        }
        if (!hasActive && !inserts.containsValue(KeyStatus.ACTIVE) && !sourceIds.isEmpty()) {
            problems.add("no " + kind + " key is ACTIVE in the database");
        }
        return new KeyRingPlan(kind, Map.copyOf(inserts), List.copyOf(problems));
    }
}
