package io.dno.cli.readme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code <!-- readme-test: ACTION key=value key="value with spaces" -->}: what {@link ReadmeSnippetsTest} does with
 * the code block below it. Actions and their keys:
 * <ul>
 *   <li>{@code run} (bash): run the block with bash; keys {@code in}, {@code from}, {@code needs}</li>
 *   <li>{@code file} (yaml, json): write the block to {@code name}; keys {@code name} (required), {@code in},
 *       {@code from}, {@code needs}, {@code reads-as}, {@code set}</li>
 *   <li>{@code merge} (yaml): replace the top-level sections of the workspace file {@code into} (required) with the
 *       block's; keys {@code in}, {@code from}, {@code needs}, {@code set}</li>
 *   <li>{@code java-main} (java): the consumer test (consumer-test/) runs the block as the body of a main method</li>
 *   <li>{@code skip}: nothing runs; key {@code reason} (required)</li>
 * </ul>
 *
 * @param line    the marker's README line
 * @param action  one of the actions above
 * @param options the keys and values, in order
 */
record ReadmeMarker(int line, String action, Map<String, String> options) {
    static final String PREFIX = "<!-- readme-test:";
    /** The action, then {@code key=value} or {@code key="a value"} options. */
    private static final Pattern WHOLE = Pattern.compile("<!-- readme-test:\\s*([a-z-]+)"
            + "((?:\\s+[a-z-]+=(?:\"[^\"]*\"|[^\\s\"]+))*)\\s*-->");
    private static final Pattern OPTION = Pattern.compile("([a-z-]+)=(?:\"([^\"]*)\"|([^\\s\"]+))");
    private static final Map<String, Set<String>> KEYS = Map.of(
            "run", Set.of("in", "from", "needs"),
            "file", Set.of("name", "in", "from", "needs", "reads-as", "set"),
            "merge", Set.of("into", "in", "from", "needs", "set"),
            "java-main", Set.of(),
            "skip", Set.of("reason"));
    private static final Map<String, List<String>> REQUIRED = Map.of("file", List.of("name"), "merge", List.of("into"),
            "skip", List.of("reason"));

    /** Parses the marker on README line {@code line}; a malformed one is an error naming the line and the fix. */
    static ReadmeMarker parse(int line, String text) {
        Matcher m = WHOLE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("README.md:" + line + ": malformed marker " + text.strip() + "; write "
                    + "<!-- readme-test: ACTION key=value key=\"a value\" --> (see ReadmeMarker)");
        }
        String action = m.group(1);
        if (!KEYS.containsKey(action)) {
            throw new IllegalArgumentException("README.md:" + line + ": unknown action '" + action + "'; use one of "
                    + KEYS.keySet());
        }
        Map<String, String> options = new LinkedHashMap<>();
        Matcher o = OPTION.matcher(m.group(2));
        while (o.find()) {
            String key = o.group(1);
            if (!KEYS.get(action).contains(key)) {
                throw new IllegalArgumentException("README.md:" + line + ": '" + action + "' takes no key '" + key
                        + "'; its keys: " + KEYS.get(action));
            }
            options.put(key, o.group(2) != null ? o.group(2) : o.group(3));
        }
        for (String key : REQUIRED.getOrDefault(action, List.of())) {
            if (!options.containsKey(key)) {
                throw new IllegalArgumentException("README.md:" + line + ": '" + action + "' needs " + key + "=...");
            }
        }
        return new ReadmeMarker(line, action, Map.copyOf(options));
    }

    String option(String key) {
        return options.get(key);
    }

    /** The fixtures of {@code needs=a,b:c,...}. */
    List<String> needs() {
        String needs = options.get("needs");
        return needs == null || needs.isBlank() ? List.of() : List.of(needs.split(","));
    }
}
