package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Docs whose code works: every {@code ```java} block of a Markdown page in the repository (READMEs, {@code docs/}) is
 * preceded by a marker naming a region of a Java source that the build compiles and runs,
 * {@code <!-- snippet: docs/src/test/java/dev/sluice/docs/QuerySnippetsTest.java#readme -->}, and must equal that
 * region ({@code // tag::readme[]} to {@code // end::readme[]}, indentation removed). A page that drifts from its code,
 * a block without a marker and a marker without its region all fail here, naming the page and line.
 *
 * <p>After changing a snippet's code, {@code -Dsluice.snippets.update=true} writes the regions into the pages.
 */
class SnippetsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*(\\S+)#([\\w-]+)\\s*-->");
    private static final boolean UPDATE = Boolean.getBoolean("sluice.snippets.update");

    @Test
    void everyJavaBlockOfThePagesIsARegionOfCodeThatIsCompiledAndRun() throws IOException {
        List<String> problems = new ArrayList<>();
        int blocks = 0;
        for (Path page : pages()) {
            blocks += check(page, problems);
        }
        assertThat(problems).as("Java blocks that differ from their code (re-run with -Dsluice.snippets.update=true to copy "
                + "the code into the pages)").isEmpty();
        assertThat(blocks).as("Java blocks found under " + ROOT).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aRegionIsTheTextBetweenItsTagsWithoutTheirIndentation() {
        List<String> source = List.of("class A {", "    void f() {", "        // tag::x[]", "        int a = 1;", "",
                "            a++;", "        // end::x[]", "    }", "}");
        assertThat(region(source, "x")).containsExactly("int a = 1;", "", "    a++;");
        assertThat(region(source, "y")).isNull();
    }

    /** The Markdown pages of the repository, outside build output and hidden folders. */
    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        for (Path part : ROOT.relativize(p)) {
                            String s = part.toString();
                            if (s.equals("target") || s.equals("node_modules") || s.startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted().toList();
        }
    }

    /** Checks (or, with update, rewrites) the Java blocks of one page; returns how many it has. */
    private static int check(Path page, List<String> problems) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(page));
        String name = ROOT.relativize(page).toString();
        int blocks = 0;
        boolean changed = false;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) {
                continue;
            }
            blocks++;
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            String where = name + ":" + (i + 1);
            Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1)) : null;
            if (marker == null || !marker.find()) {
                problems.add(where + ": a ```java block without a '<!-- snippet: path#region -->' line before it");
                i = end;
                continue;
            }
            Path source = ROOT.resolve(marker.group(1));
            if (!Files.isRegularFile(source)) {
                problems.add(where + ": " + marker.group(1) + " does not exist");
                i = end;
                continue;
            }
            List<String> code = region(Files.readAllLines(source), marker.group(2));
            if (code == null) {
                problems.add(where + ": " + marker.group(1) + " has no region '" + marker.group(2) + "' (// tag::"
                        + marker.group(2) + "[] ... // end::" + marker.group(2) + "[])");
            } else if (!code.equals(strip(lines.subList(i + 1, end)))) {
                if (UPDATE) {
                    lines.subList(i + 1, end).clear();
                    lines.addAll(i + 1, code);
                    end = i + 1 + code.size();
                    changed = true;
                } else {
                    problems.add(where + ": differs from " + marker.group(1) + "#" + marker.group(2) + "; the code is:\n"
                            + String.join("\n", code));
                }
            }
            i = end;
        }
        if (changed) {
            Files.write(page, lines);
        }
        return blocks;
    }

    /** The lines between {@code // tag::name[]} and {@code // end::name[]}, without their common indentation; or null. */
    static List<String> region(List<String> source, String name) {
        int start = -1;
        for (int i = 0; i < source.size(); i++) {
            String s = source.get(i).strip();
            if (s.equals("// tag::" + name + "[]")) {
                start = i + 1;
            } else if (s.equals("// end::" + name + "[]") && start >= 0) {
                List<String> body = source.subList(start, i).stream()
                        .filter(l -> !l.strip().matches("// (tag|end)::[\\w-]+\\[]")).toList();
                int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                        .min().orElse(0);
                return strip(body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
            }
        }
        return null;
    }

    private static List<String> strip(List<String> lines) {
        return lines.stream().map(String::stripTrailing).toList();
    }
}
