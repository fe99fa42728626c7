package dev.chatsequencer;

import java.io.File;
import java.util.Arrays;
import java.util.Optional;

/** Finds the real third-party tools some tests run (promtool, curl, redis-server, ...) on the PATH. */
public final class SystemTools {

    private SystemTools() {
    }

    /** The executable named {@code tool} in the first PATH directory that has one. */
    public static Optional<File> find(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> new File(directory, tool)).filter(File::canExecute).findFirst();
    }

    public static boolean installed(String tool) {
        return find(tool).isPresent();
    }
}
