package org.jretis.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jretis.log.Log;

/**
 * Where profiles are found, in Retis' order: the {@code -P} directory, then
 * {@code $HOME/.config/retis/profiles}, {@code /usr/share/retis/profiles},
 * {@code /etc/retis/profiles}, and last the profiles built into jretis (Retis ships its
 * profiles in a package; ours travel in the jar).
 */
public final class ProfileStore {
    static final String BUILTIN_PREFIX = "builtin:";
    private static final List<String> BUILTINS = List.of("generic.yaml", "ifdump.yaml", "drop.yaml");

    private final List<Path> dirs;

    public ProfileStore(Path extraDir) {
        List<Path> list = new ArrayList<>();
        if (extraDir != null) {
            list.add(extraDir);
        }
        String home = System.getenv("HOME");
        if (home != null) {
            list.add(Path.of(home, ".config/retis/profiles"));
        }
        list.add(Path.of("/usr/share/retis/profiles"));
        list.add(Path.of("/etc/retis/profiles"));
        this.dirs = List.copyOf(list);
    }

    /** Existing directories, in search order. */
    public List<Path> directories() {
        return dirs.stream().filter(Files::isDirectory).toList();
    }

    /** Profiles of every YAML file of a directory, by file; invalid files skipped with Retis' warning. */
    public Map<Path, List<Profile>> read(Path dir) {
        Map<Path, List<Profile>> byFile = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(ProfileStore::isYaml).toList()) {
                try {
                    byFile.put(file, ProfileParser.parse(Files.readString(file), file.toString()));
                } catch (ProfileException | IOException e) {
                    Log.warn("Skipping invalid file " + file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            Log.warn("Cannot read profile directory " + dir + ": " + e.getMessage());
        }
        return byFile;
    }

    /** The built-in profiles, by file name. */
    public Map<String, List<Profile>> builtins() {
        Map<String, List<Profile>> byFile = new LinkedHashMap<>();
        for (String file : BUILTINS) {
            byFile.put(file, ProfileParser.parse(resource(file), BUILTIN_PREFIX + file));
        }
        return byFile;
    }

    /** A profile by name or by path to a YAML file holding exactly one profile. */
    public Profile find(String nameOrPath) {
        if (isYaml(Path.of(nameOrPath)) && Files.isRegularFile(Path.of(nameOrPath))) {
            return fromFile(Path.of(nameOrPath));
        }
        for (Path dir : directories()) {
            Profile found = unique(nameOrPath, read(dir).values().stream().flatMap(List::stream).toList(), dir.toString());
            if (found != null) {
                return found;
            }
        }
        Profile builtin = unique(nameOrPath, builtins().values().stream().flatMap(List::stream).toList(), "built-in profiles");
        if (builtin == null) {
            throw new ProfileException("Could not find profile " + nameOrPath);
        }
        return builtin;
    }

    private static Profile fromFile(Path file) {
        List<Profile> profiles;
        try {
            profiles = ProfileParser.parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ProfileException("Cannot read profile " + file + ": " + e.getMessage());
        } catch (ProfileException e) {
            throw new ProfileException("Invalid profile " + file + ": " + e.getMessage());
        }
        if (profiles.size() != 1) {
            throw new ProfileException("Profile file " + file + " must contain exactly one profile");
        }
        return profiles.get(0);
    }

    private static Profile unique(String name, List<Profile> profiles, String where) {
        List<Profile> matches = profiles.stream().filter(p -> p.name().equals(name)).toList();
        if (matches.size() > 1) {
            throw new ProfileException("Profile " + name + " is defined more than once in " + where);
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static String resource(String file) {
        try (InputStream in = ProfileStore.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("built-in profile " + file + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
