package io.dno.cli.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fenced code blocks of a Markdown file, each with the marker on the line above its opening fence. */
final class Readme {
    private Readme() {}

    /** The README of the repository, found from the test's working directory (a module directory) or above it. */
    static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("dno"))) {
                return dir.resolve("README.md");
            }
        }
        throw new IllegalStateException("no README.md beside the dno launcher above " + Path.of("").toAbsolutePath());
    }

    static List<ReadmeBlock> blocks(Path readme) throws IOException {
        return blocks(Files.readAllLines(readme));
    }

    static List<ReadmeBlock> blocks(List<String> lines) {
        List<ReadmeBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("```")) {
                continue;
            }
            String language = line.substring(3).strip();
            int open = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                body.add(lines.get(i));
            }
            if (i == lines.size()) {
                throw new IllegalArgumentException("README.md:" + (open + 1) + ": the code block is never closed");
            }
            String above = open > 0 ? lines.get(open - 1) : "";
            ReadmeMarker marker = above.strip().startsWith(ReadmeMarker.PREFIX) ? ReadmeMarker.parse(open, above) : null;
            blocks.add(new ReadmeBlock(open + 1, language, List.copyOf(body), marker));
        }
        return blocks;
    }
}
