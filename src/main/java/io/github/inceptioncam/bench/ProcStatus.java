package io.github.inceptioncam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc/self/status (Linux); -1 where unavailable. */
public final class ProcStatus {
	private ProcStatus() {}

	/** Current resident set size in KiB. */
	public static long vmRssKb() {
		return field("VmRSS:");
	}

	/** Peak resident set size in KiB. */
	public static long vmHwmKb() {
		return field("VmHWM:");
	}

	private static long field(String key) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith(key)) return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
			}
		} catch (IOException | RuntimeException e) {
			// not Linux: no figure
		}
		return -1;
	}
}
