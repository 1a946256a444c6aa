package dev.lethe.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Protects the member names of a record's objects: a map keyed by e-mail address (<code>
 * {"subscribers":{"anna@example.com":{...}}}</code>) carries personal data in its names, which
 * value detection never sees. Each name the {@link NameProtection} changes is renamed in place,
 * keeping the members' order; an object with such a name is a <em>map keyed by data</em>, and all
 * its members' paths become {@code .*} in sightings (see {@link JsonPath#sightingPath}), so no
 * name of it, protected or missed, ever becomes a field path in the catalog. Walks iteratively:
 * nesting depth costs no stack.
 */
final class MemberNames {

    /** A name whose personal data is redacted keeps this in its place: a member name can't be empty twice. */
    static final String REDACTED = "[redacted]";

    /** Decides one member name. */
    interface NameProtection {
        /**
         * @param memberPath the sighting path of the member, {@code <object's path>.*}
         * @return the name with its personal data replaced, or {@code name} itself when it holds none
         */
        String protect(String name, String memberPath);
    }

    private MemberNames() {}

    /**
     * Protects every member name under {@code root} (whose sighting path is {@code rootPath}).
     *
     * @return the objects that had a name protected (by identity), for {@link JsonPath#sightingPath}
     */
    static Set<JsonNode> protect(JsonNode root, String rootPath, NameProtection protection) {
        Set<JsonNode> maps = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> pending = new ArrayDeque<>();
        pending.push(new Object[] {root, rootPath});
        while (!pending.isEmpty()) {
            Object[] next = pending.pop();
            JsonNode node = (JsonNode) next[0];
            String path = (String) next[1];
            if (node instanceof ObjectNode object && !object.isEmpty()) {
                boolean map = rename(object, path + ".*", protection);
                if (map) {
                    maps.add(object);
                }
                for (Map.Entry<String, JsonNode> member : object.properties()) {
                    if (member.getValue().isContainer()) {
                        String memberPath = map ? path + ".*" : path + JsonPath.step(member.getKey());
                        pending.push(new Object[] {member.getValue(), memberPath});
                    }
                }
            } else if (node.isArray()) {
                for (JsonNode element : node) {
                    if (element.isContainer()) {
                        pending.push(new Object[] {element, path + "[*]"});
                    }
                }
            }
        }
        return maps;
    }

    /** Renames the members whose names hold personal data; true when there was one. */
    private static boolean rename(ObjectNode object, String memberPath, NameProtection protection) {
        // Almost every object keeps all its names: nothing is copied until one changes.
        String[] protectedNames = null;
        int at = 0;
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            String name = protection.protect(member.getKey(), memberPath);
            if (protectedNames == null && !name.equals(member.getKey())) {
                protectedNames = new String[object.size()];
            }
            if (protectedNames != null) {
                protectedNames[at] = name;
            }
            at++;
        }
        if (protectedNames == null) {
            return false;
        }
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
        List<String> names = new ArrayList<>(members.size());
        Set<String> kept = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            String name = protectedNames[i] == null ? members.get(i).getKey() : protectedNames[i];
            names.add(name);
            if (name.equals(members.get(i).getKey())) {
                kept.add(name);
            }
        }
        // Masks and redactions can give two names the same text: later ones get "~2", "~3", ...
        Set<String> used = new HashSet<>(kept);
        object.removeAll();
        for (int i = 0; i < members.size(); i++) {
            String original = members.get(i).getKey();
            String name = names.get(i);
            if (!name.equals(original)) {
                String unique = name;
                for (int n = 2; used.contains(unique); n++) {
                    unique = name + "~" + n;
                }
                name = unique;
                used.add(name);
            }
            object.set(name, members.get(i).getValue());
        }
        return true;
    }
}
