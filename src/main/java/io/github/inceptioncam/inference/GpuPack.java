package io.github.inceptioncam.inference;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.jar.Manifest;

/**
 * The GPU pack: the natives of {@code onnxruntime_gpu} of the same version as the CPU runtime on the
 * classpath, unpacked for this platform into {@code $INCEPTION_CAM_HOME/gpu/<version>/<platform>/} (default
 * home {@code ~/.inception-cam}) with a {@code pack.json} manifest. {@link #activate()} points ONNX Runtime's
 * {@code onnxruntime.native.path} at a complete pack before ONNX Runtime's classes initialise; nothing else
 * about the JVM is changed.
 */
public final class GpuPack {
	public static final String HOME_ENV = "INCEPTION_CAM_HOME";
	public static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";
	public static final String MANIFEST = "pack.json";
	public static final String GROUP = "com.microsoft.onnxruntime";
	public static final String GPU_ARTIFACT = "onnxruntime_gpu";
	public static final String CPU_ARTIFACT = "onnxruntime";

	static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
		.setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

	private static volatile String runtimeVersion;
	private static boolean activationTried;
	private static volatile Path activated;

	private final Path home;
	private final String version;
	private final String platform;

	/** A pack under {@code home} for the given ONNX Runtime version and platform (tests). */
	GpuPack(Path home, String version, String platform) {
		this.home = home.toAbsolutePath().normalize();
		this.version = version;
		this.platform = platform;
	}

	/** The pack of this runtime (version and platform) under the given home folder. */
	public static GpuPack at(Path home) {
		return new GpuPack(home, runtimeVersion(), currentPlatform());
	}

	/** The pack of this runtime under {@link #defaultHome()}. */
	public static GpuPack forUser() {
		return at(defaultHome());
	}

	/** {@code $INCEPTION_CAM_HOME}, or {@code ~/.inception-cam}. */
	public static Path defaultHome() {
		String env = System.getenv(HOME_ENV);
		if (env != null && !env.isBlank()) return Paths.get(env.trim());
		return Paths.get(System.getProperty("user.home"), ".inception-cam");
	}

	public Path home() {
		return home;
	}

	/** {@code <home>/gpu}: every pack and nothing else. */
	public Path root() {
		return home.resolve("gpu");
	}

	/** {@code <home>/gpu/<version>/<platform>}. */
	public Path folder() {
		return root().resolve(version).resolve(platform);
	}

	public String version() {
		return version;
	}

	public String platform() {
		return platform;
	}

	/** The manifest of the complete pack, or null when none is installed (or it is incomplete). */
	public Info installed() {
		return problem() == null ? readManifest(folder()) : null;
	}

	/** Null when a complete pack for this version and platform is installed, else why not. */
	public String problem() {
		Path dir = folder();
		if (!Files.isDirectory(dir)) {
			List<String> others = otherPacks();
			return "no GPU pack installed in " + root() + (others.isEmpty() ? "" : " for " + version + " " + platform + " (found: " + String.join(", ", others) + ")");
		}
		Info info = readManifest(dir);
		if (info == null) return "the GPU pack in " + dir + " has no readable " + MANIFEST;
		if (!version.equals(info.version) || !platform.equals(info.platform)) {
			return "the GPU pack in " + dir + " is for " + info.version + " " + info.platform + ", not " + version + " " + platform;
		}
		if (info.files == null || info.files.isEmpty()) return "the GPU pack in " + dir + " lists no files";
		List<String> names = new ArrayList<>();
		for (FileEntry f : info.files) {
			Path p = dir.resolve(f.name);
			try {
				if (!Files.isRegularFile(p) || Files.size(p) != f.size) return "the GPU pack in " + dir + " is damaged: " + f.name + " is missing or has the wrong size";
			} catch (IOException e) {
				return "the GPU pack in " + dir + " is unreadable: " + e.getMessage();
			}
			names.add(f.name);
		}
		for (String lib : coreLibraries()) if (!names.contains(lib)) return "the GPU pack in " + dir + " lacks " + lib;
		return null;
	}

	/** Packs under {@link #root()} for other versions or platforms, as "version platform". */
	List<String> otherPacks() {
		List<String> out = new ArrayList<>();
		try (java.util.stream.Stream<Path> versions = Files.list(root())) {
			for (Path v : (Iterable<Path>) versions.sorted()::iterator) {
				if (!Files.isDirectory(v) || v.getFileName().toString().startsWith(".")) continue;
				try (java.util.stream.Stream<Path> platforms = Files.list(v)) {
					for (Path p : (Iterable<Path>) platforms.sorted()::iterator) {
						if (Files.isRegularFile(p.resolve(MANIFEST)) && !p.equals(folder())) out.add(v.getFileName() + " " + p.getFileName());
					}
				}
			}
		} catch (IOException e) {
			// none
		}
		return out;
	}

	/** The two libraries ONNX Runtime's Java API loads itself, named as on this OS. */
	static List<String> coreLibraries() {
		return List.of(libraryFile("onnxruntime"), libraryFile("onnxruntime4j_jni"));
	}

	/** A library's file name as ONNX Runtime maps it (libX.so, libX.dylib, X.dll). */
	static String libraryFile(String name) {
		return System.mapLibraryName(name).replace("jnilib", "dylib");
	}

	static Info readManifest(Path dir) {
		Path m = dir.resolve(MANIFEST);
		if (!Files.isRegularFile(m)) return null;
		try (Reader r = Files.newBufferedReader(m, StandardCharsets.UTF_8)) {
			return GSON.fromJson(r, Info.class);
		} catch (IOException | JsonParseException e) {
			return null;
		}
	}

	/**
	 * Points ONNX Runtime at the user's pack, once per JVM, when a complete pack for this version and
	 * platform is installed and {@code onnxruntime.native.path} is not already set. Must run before ONNX
	 * Runtime's classes initialise ({@link OrtRuntime} calls it first). Never fails: without a pack the CPU
	 * runtime of the classpath is used.
	 */
	public static synchronized void activate() {
		if (activationTried) return;
		activationTried = true;
		if (System.getProperty(NATIVE_PATH_PROPERTY) != null) return;
		// no pack folder at all (the usual case): done, without reading the runtime's version
		if (!Files.isDirectory(defaultHome().resolve("gpu"))) return;
		try {
			GpuPack pack = forUser();
			if (pack.problem() == null) {
				System.setProperty(NATIVE_PATH_PROPERTY, pack.folder().toString());
				activated = pack.folder();
			}
		} catch (RuntimeException e) {
			// no usable pack: the CPU runtime of the classpath
		}
	}

	/** The pack folder this JVM pointed ONNX Runtime at, or null. */
	public static Path activatedFolder() {
		return activated;
	}

	/** ONNX Runtime's platform name for this JVM: linux-x64, linux-aarch64, osx-aarch64, win-x64, ... */
	public static String currentPlatform() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		String o = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : os.contains("nux") ? "linux" : os;
		String a = arch.startsWith("amd64") || arch.startsWith("x86_64") ? "x64" : arch;
		return o + "-" + a;
	}

	/**
	 * The version of ONNX Runtime's Java classes on the classpath, read from their jar's Maven metadata
	 * (pom.properties, else pom.xml, else the manifest) without initialising ONNX Runtime.
	 */
	public static String runtimeVersion() {
		String v = runtimeVersion;
		if (v == null) {
			v = readRuntimeVersion(GpuPack.class.getClassLoader());
			runtimeVersion = v;
		}
		return v;
	}

	static String readRuntimeVersion(ClassLoader cl) {
		URL cls = cl.getResource("ai/onnxruntime/OrtEnvironment.class");
		if (cls == null) throw new IllegalStateException("ONNX Runtime's Java classes are not on the classpath");
		String s = cls.toString();
		int bang = s.indexOf("!/");
		String jar = bang >= 0 ? s.substring(0, bang + 2) : null;
		// the jar's manifest first: ONNX Runtime's jars carry Implementation-Version, and reading it loads no XML parser
		if (jar != null) {
			try (InputStream in = new URL(jar + "META-INF/MANIFEST.MF").openStream()) {
				java.util.jar.Attributes a = new Manifest(in).getMainAttributes();
				String title = a.getValue("Implementation-Title"), v = a.getValue("Implementation-Version");
				if (title != null && title.trim().startsWith("onnxruntime") && v != null) return v.trim();
			} catch (IOException e) {
				// fall through to the Maven metadata
			}
		}
		for (String artifact : new String[] {CPU_ARTIFACT, GPU_ARTIFACT}) {
			for (String file : new String[] {"pom.properties", "pom.xml"}) {
				String res = "META-INF/maven/" + GROUP + "/" + artifact + "/" + file;
				try {
					for (URL u : Collections.list(cl.getResources(res))) {
						if (jar != null && !u.toString().startsWith(jar)) continue;
						try (InputStream in = u.openStream()) {
							MavenCoordinates c = file.endsWith(".xml") ? MavenCoordinates.fromPomXml(in) : MavenCoordinates.fromPomProperties(in);
							if (c != null && c.version != null) return c.version;
						}
					}
				} catch (IOException e) {
					// try the next source
				}
			}
		}
		if (jar != null) {
			try (InputStream in = new URL(jar + "META-INF/MANIFEST.MF").openStream()) {
				String v = new Manifest(in).getMainAttributes().getValue("Implementation-Version");
				if (v != null) return v.trim();
			} catch (IOException e) {
				// fall through
			}
		}
		throw new IllegalStateException("cannot tell the version of ONNX Runtime's Java classes (" + s + ")");
	}

	/** {@code pack.json}. */
	public static final class Info {
		public String version;
		public String platform;
		public String source;
		public String sourceSha256;
		public List<FileEntry> files;
		/** When it was installed (ISO-8601, UTC). */
		public String installedAt;

		/** One phrase: what was installed where. */
		public String summary(Path folder) {
			long bytes = 0;
			for (FileEntry f : files) bytes += f.size;
			return String.format(Locale.ROOT, "installed the GPU pack %s %s (%d files, %.0f MB, from %s) in %s", version, platform, files.size(),
				bytes / 1048576.0, source, folder);
		}
	}

	/** One native library of a pack. */
	public static final class FileEntry {
		public String name;
		public long size;
		public String sha256;

		FileEntry(String name, long size, String sha256) {
			this.name = name;
			this.size = size;
			this.sha256 = sha256;
		}
	}
}
