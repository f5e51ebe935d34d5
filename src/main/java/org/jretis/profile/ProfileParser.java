package org.jretis.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jretis.log.Log;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads profile YAML (one or several documents) into {@link Profile}s, checking the API version. */
final class ProfileParser {
    private static final int API_MAJOR = 1;
    private static final int API_MINOR = 0;
    private static final Pattern VERSION = Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,9})(?:\\.\\d{1,9})?)?");

    private ProfileParser() {}

    static List<Profile> parse(String yaml, String source) {
        List<Profile> profiles = new ArrayList<>();
        for (Object document : documents(yaml)) {
            if (document != null) {
                Profile profile = profile(asMap(document, "profile"), source);
                if (profile != null) {
                    profiles.add(profile);
                }
            }
        }
        return profiles;
    }

    /**
     * SnakeYAML's scalar constructors throw plain runtime exceptions on some malformed scalars
     * (a float such as {@code ._} ends in NumberFormatException), so every failure of the YAML
     * layer is the user's bad profile. Duplicate keys are refused, as Retis' serde_yaml does.
     */
    private static List<Object> documents(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Object> documents = new ArrayList<>();
        try {
            new Yaml(new SafeConstructor(options)).loadAll(yaml).forEach(documents::add);
        } catch (MarkedYAMLException e) {
            throw new ProfileException(e.getProblem()
                    + (e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1)));
        } catch (YAMLException e) {
            throw new ProfileException(firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw new ProfileException("invalid YAML: " + firstLine(String.valueOf(e.getMessage())));
        }
        return documents;
    }

    private static Profile profile(Map<String, Object> doc, String source) {
        Object version = doc.get("version");
        String name = string(doc.get("name"), "name");
        if (version == null) {
            throw new ProfileException("missing field `version`");
        }
        Matcher parts = VERSION.matcher(version.toString());
        if (!parts.matches()) {
            throw new ProfileException("invalid version `" + version + "`");
        }
        int major = Integer.parseInt(parts.group(1));
        int minor = parts.group(2) == null ? 0 : Integer.parseInt(parts.group(2));
        if (major != API_MAJOR) {
            Log.warn("Profile " + name + " has an unsupported version " + version + ": skipping it");
            return null;
        }
        if (minor > API_MINOR) {
            Log.warn("Profile " + name + " version " + version + " is newer than supported: it may be applied partially");
        }
        Object about = doc.get("about");
        return new Profile(name, about == null ? "" : about.toString(), source,
                flavors(doc.get("collect")), flavors(doc.get("pcap")));
    }

    private static List<Profile.Flavor> flavors(Object node) {
        List<Profile.Flavor> flavors = new ArrayList<>();
        if (node == null) {
            return flavors;
        }
        for (Object item : asList(node, "collect/pcap")) {
            Map<String, Object> flavor = asMap(item, "profile section");
            Object name = flavor.get("name");
            List<Profile.Condition> when = new ArrayList<>();
            if (flavor.get("when") != null) {
                for (Object c : asList(flavor.get("when"), "when")) {
                    when.add(condition(asMap(c, "condition")));
                }
            }
            Map<String, Object> args = new LinkedHashMap<>();
            if (flavor.get("args") != null) {
                asMap(flavor.get("args"), "args").forEach((key, value) -> args.put(key, argValue(key, value)));
            }
            flavors.add(new Profile.Flavor(name == null ? "Default" : name.toString(), when, args));
        }
        return flavors;
    }

    private static Profile.Condition condition(Map<String, Object> c) {
        String type = string(c.get("type"), "type");
        return switch (type) {
            case "version" -> new Profile.KernelVersion(string(c.get("version"), "version"));
            case "symbol" -> new Profile.SymbolExists(string(c.get("name"), "name"),
                    c.get("exists") == null || Boolean.parseBoolean(c.get("exists").toString()));
            default -> throw new ProfileException("unknown condition type `" + type + "`");
        };
    }

    private static Object argValue(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof Map) {
            throw new ProfileException("invalid value for argument `" + key + "`");
        }
        return value.toString();
    }

    /** Keys as text: YAML keys may be numbers or booleans ({@code on:}), found by fuzzing. */
    private static Map<String, Object> asMap(Object node, String what) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> byName = new LinkedHashMap<>();
            map.forEach((key, value) -> byName.put(String.valueOf(key), value));
            return byName;
        }
        throw new ProfileException("invalid " + what + ": expected a mapping");
    }

    private static List<?> asList(Object node, String what) {
        if (node instanceof List<?> list) {
            return list;
        }
        throw new ProfileException("invalid " + what + ": expected a sequence");
    }

    private static String string(Object node, String field) {
        if (node == null) {
            throw new ProfileException("missing field `" + field + "`");
        }
        return node.toString();
    }

    private static String firstLine(String message) {
        return message == null ? "invalid YAML" : message.lines().findFirst().orElse("invalid YAML").strip();
    }
}
