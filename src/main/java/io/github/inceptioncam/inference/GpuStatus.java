package io.github.inceptioncam.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything about the GPU in this JVM, for {@code gpu status} and Check GPU...: the pack (installed?
 * active?), where ONNX Runtime's native library was loaded from, the driver and CUDA libraries, the
 * providers ONNX Runtime lists, and what {@code --device auto} picks and why. Collecting it initialises
 * ONNX Runtime (activating an installed pack first).
 */
public final class GpuStatus {
	public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls()
		.setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

	public String platform;
	/** The version of ONNX Runtime's Java classes (the CPU jar on the classpath). */
	public String onnxruntimeVersion;
	/** The version the loaded native library reports. */
	public String nativeVersion;
	public Pack pack = new Pack();
	/** Whether ONNX Runtime's native library in this JVM was loaded from the pack folder. */
	public boolean active;
	/** Where the native library was loaded from (Linux: /proc/self/maps), or null when unknown. */
	public String nativeLibrary;
	/** The value of onnxruntime.native.path in this JVM. */
	public String nativePath;
	public List<String> providers = new ArrayList<>();
	public Driver driver = new Driver();
	public Libraries cudaLibraries = new Libraries();
	public String cudaProvider;
	public Auto auto = new Auto();

	public static final class Pack {
		public boolean installed;
		public String home;
		public String folder;
		public String version;
		public String platform;
		public String source;
		public String sourceSha256;
		public String installedAt;
		public String problem;
	}

	public static final class Driver {
		public boolean found;
		public String info;
	}

	public static final class Libraries {
		public List<String> found = new ArrayList<>();
		public List<String> missing = new ArrayList<>();
	}

	public static final class Auto {
		public String device;
		public String reason;
	}

	/** Collects the status for the user's pack. */
	public static GpuStatus collect() {
		GpuStatus s = new GpuStatus();
		s.platform = GpuPack.currentPlatform();
		s.onnxruntimeVersion = GpuPack.runtimeVersion();
		GpuPack pack = GpuPack.forUser();
		s.pack.home = pack.home().toString();
		s.pack.folder = pack.folder().toString();
		s.pack.problem = pack.problem();
		GpuPack.Info info = s.pack.problem == null ? GpuPack.readManifest(pack.folder()) : null;
		if (info != null) {
			s.pack.installed = true;
			s.pack.version = info.version;
			s.pack.platform = info.platform;
			s.pack.source = info.source;
			s.pack.sourceSha256 = info.sourceSha256;
			s.pack.installedAt = info.installedAt;
		}
		OrtRuntime.environment();
		s.nativeVersion = OrtRuntime.version();
		for (OrtProvider p : OrtEnvironment.getAvailableProviders()) s.providers.add(p.name());
		s.nativePath = System.getProperty(GpuPack.NATIVE_PATH_PROPERTY);
		s.nativeLibrary = loadedLibrary(Paths.get("/proc/self/maps"), GpuPack.libraryFile("onnxruntime"));
		if (s.nativeLibrary != null) {
			s.active = sameFolder(Paths.get(s.nativeLibrary).getParent(), pack.folder());
		} else {
			s.active = GpuPack.activatedFolder() != null && sameFolder(GpuPack.activatedFolder(), pack.folder());
		}
		GpuProbe probe = GpuProbe.get();
		s.driver.found = probe.driverFound();
		s.driver.info = probe.driverInfo();
		s.cudaLibraries.found.addAll(probe.foundLibraries());
		s.cudaLibraries.missing.addAll(probe.missingLibraries());
		DeviceSelection auto;
		try {
			auto = DeviceSelector.select(DeviceChoice.AUTO, null);
			s.auto.device = auto.name();
			s.auto.reason = auto.reason();
		} catch (DeviceException e) {
			s.auto.device = "cpu";
			s.auto.reason = e.getMessage();
		}
		if (!s.providers.contains(OrtProvider.CUDA.name())) {
			s.cudaProvider = "not available (" + DeviceSelector.packReason() + ")";
		} else if (!probe.usable()) {
			s.cudaProvider = "not tried (" + probe.reason() + ")";
		} else {
			String err = DeviceSelector.tryCuda();
			s.cudaProvider = err == null ? "loads" : "does not load: " + err;
		}
		return s;
	}

	/** The report as lines of text (Check GPU... and {@code gpu status}). */
	public List<String> lines() {
		List<String> out = new ArrayList<>();
		out.add("ONNX Runtime: " + nativeVersion + " (Java classes " + onnxruntimeVersion + "), platform " + platform);
		if (pack.installed) {
			out.add("GPU pack: installed in " + pack.folder + " (from " + pack.source + ", " + pack.installedAt + ")");
		} else {
			out.add("GPU pack: not installed (" + pack.problem + ")");
		}
		out.add("GPU pack active in this JVM: " + (active ? "yes" : "no"));
		out.add("native library: " + (nativeLibrary != null ? nativeLibrary : nativePath != null ? "from " + nativePath : "from the jar (CPU build)"));
		out.add("providers: " + String.join(", ", providers));
		out.add("NVIDIA driver: " + (driver.found ? "found (" + driver.info + ")" : "not found" + (driver.info != null ? " (" + driver.info + ")" : "")));
		out.add("CUDA 12 / cuDNN 9 libraries: " + (cudaLibraries.missing.isEmpty() ? "all found" : "missing " + String.join(", ", cudaLibraries.missing)));
		for (String f : cudaLibraries.found) out.add("  found " + f);
		out.add("CUDA provider: " + cudaProvider);
		out.add("device auto would use: " + auto.device + " (" + auto.reason + ")");
		return out;
	}

	public String toJson() {
		return GSON.toJson(this);
	}

	/** The mapped file named {@code name} in a /proc/self/maps listing, or null (not Linux, not loaded). */
	static String loadedLibrary(Path maps, String name) {
		if (!Files.isReadable(maps)) return null;
		List<String> lines;
		try {
			lines = Files.readAllLines(maps, StandardCharsets.UTF_8);
		} catch (IOException e) {
			return null;
		}
		for (String line : lines) {
			String[] f = line.trim().split("\\s+", 6);
			if (f.length < 6 || !f[5].startsWith("/")) continue;
			String path = f[5].endsWith(" (deleted)") ? f[5].substring(0, f[5].length() - " (deleted)".length()) : f[5];
			if (path.endsWith("/" + name)) return f[5];
		}
		return null;
	}

	private static boolean sameFolder(Path a, Path b) {
		if (a == null || b == null) return false;
		try {
			return Files.isSameFile(a, b);
		} catch (IOException e) {
			return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
		}
	}
}
