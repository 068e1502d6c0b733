package io.github.inceptioncam.bench;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a report was measured on: processors, CPU model, memory, OS, Java, ORT version. */
final class Machine {
	private Machine() {}

	static JsonObject describe() {
		JsonObject m = new JsonObject();
		m.addProperty("nproc", Runtime.getRuntime().availableProcessors());
		m.addProperty("cpu", line("/proc/cpuinfo", "model name", ":"));
		String mem = line("/proc/meminfo", "MemTotal", ":");
		m.addProperty("memory_gib", mem == null ? null : String.format(java.util.Locale.ROOT, "%.1f",
			Long.parseLong(mem.replace("kB", "").trim()) / 1048576.0));
		String os = line("/etc/os-release", "PRETTY_NAME", "=");
		m.addProperty("os", os == null ? System.getProperty("os.name") : os.replace("\"", ""));
		m.addProperty("kernel", System.getProperty("os.version"));
		m.addProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		return m;
	}

	private static String line(String file, String key, String sep) {
		try {
			List<String> lines = Files.readAllLines(Path.of(file));
			for (String l : lines) {
				if (l.startsWith(key)) return l.substring(l.indexOf(sep) + 1).trim();
			}
		} catch (IOException | RuntimeException e) {
			// not Linux
		}
		return null;
	}
}
