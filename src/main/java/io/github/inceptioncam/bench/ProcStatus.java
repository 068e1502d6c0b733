package io.github.inceptioncam.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/** Resident memory of this process from /proc/self/status (Linux); -1 where unavailable. */
public final class ProcStatus {
	private ProcStatus() {}

	/** Current resident set size in KiB. */
	public static long vmRssKb() {
		return field("VmRSS:");
	}

	/** Anonymous resident memory in KiB (heap, malloc, stacks; not mapped files such as the native libraries). */
	public static long rssAnonKb() {
		return field("RssAnon:");
	}

	private static final Pattern HEAP_RANGE = Pattern.compile("\\[(0x[0-9a-fA-F]+), (0x[0-9a-fA-F]+)\\)");

	/**
	 * Resident KiB of the Java heap's address range (HotSpot's {@code GC.heap_info} gives the range,
	 * {@code /proc/self/smaps} the resident pages in it); -1 where unavailable. VmRSS minus this is the
	 * process's memory outside the Java heap, whatever size the heap has grown to.
	 */
	public static long heapResidentKb() {
		long[] range = heapRange();
		if (range == null) return -1;
		long sum = 0;
		boolean inside = false;
		try (BufferedReader r = Files.newBufferedReader(Path.of("/proc/self/smaps"))) {
			for (String line = r.readLine(); line != null; line = r.readLine()) {
				int dash = line.indexOf('-');
				int space = line.indexOf(' ');
				if (dash > 0 && space > dash && isHex(line, 0, dash)) {
					long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
					long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
					inside = start >= range[0] && end <= range[1];
				} else if (inside && line.startsWith("Rss:")) {
					sum += Long.parseLong(line.substring(4).replace("kB", "").trim());
				}
			}
		} catch (IOException | RuntimeException e) {
			return -1;
		}
		return sum;
	}

	private static boolean isHex(String s, int from, int to) {
		for (int i = from; i < to; i++) if (Character.digit(s.charAt(i), 16) < 0) return false;
		return to > from;
	}

	/** The Java heap's reserved address range [start, end), from HotSpot's diagnostic command; null if unknown. */
	static long[] heapRange() {
		try {
			Object out = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
				"gcHeapInfo", new Object[] {null}, new String[] {String[].class.getName()});
			Matcher m = HEAP_RANGE.matcher(String.valueOf(out));
			if (!m.find()) return null;
			return new long[] {Long.parseUnsignedLong(m.group(1).substring(2), 16), Long.parseUnsignedLong(m.group(2).substring(2), 16)};
		} catch (JMException | RuntimeException e) {
			return null;
		}
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
