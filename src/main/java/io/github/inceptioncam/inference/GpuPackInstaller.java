package io.github.inceptioncam.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Installs a {@link GpuPack} from an {@code onnxruntime_gpu} jar: a given file, else the local Maven
 * repository, else Maven Central (checked against the SHA-1 Central serves). The jar must be
 * {@code onnxruntime_gpu} of exactly the runtime's version with natives for this platform. The natives are
 * unpacked into a temporary folder beside the pack and renamed into place, so an interrupted install never
 * leaves a half pack. Every refusal is a {@link GpuPackException} with a one-line message.
 */
public final class GpuPackInstaller {
	public static final String CENTRAL = "https://repo1.maven.org/maven2";
	private static final Pattern MAVEN_META = Pattern.compile("META-INF/maven/" + Pattern.quote(GpuPack.GROUP) + "/([^/]+)/pom\\.(properties|xml)");
	private static final String NATIVE = "ai/onnxruntime/native/";
	/** The platforms onnxruntime_gpu has natives for. */
	static final List<String> GPU_PLATFORMS = List.of("linux-x64", "win-x64");

	/** Progress of a long step: a message and bytes done of total (total -1 when unknown). */
	public interface Progress {
		void update(String message, long done, long total);
	}

	private final GpuPack pack;
	private final Path localRepo;
	private final String central;
	private final Progress progress;
	private final BooleanSupplier cancelled;

	public GpuPackInstaller(GpuPack pack, Path localRepo, String central, Progress progress, BooleanSupplier cancelled) {
		this.pack = pack;
		this.localRepo = localRepo;
		this.central = central == null ? CENTRAL : central.replaceAll("/+$", "");
		this.progress = progress == null ? (m, d, t) -> {} : progress;
		this.cancelled = cancelled == null ? () -> false : cancelled;
	}

	/** The installer for the user's pack, the user's Maven repository and Maven Central. */
	public static GpuPackInstaller forUser(Progress progress, BooleanSupplier cancelled) {
		return new GpuPackInstaller(GpuPack.forUser(), defaultLocalRepo(), CENTRAL, progress, cancelled);
	}

	/** {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
	public static Path defaultLocalRepo() {
		String p = System.getProperty("maven.repo.local");
		if (p != null && !p.isBlank()) return Paths.get(p.trim());
		return Paths.get(System.getProperty("user.home"), ".m2", "repository");
	}

	/** The file name Maven gives the jar: {@code onnxruntime_gpu-<version>.jar}. */
	public String jarName() {
		return GpuPack.GPU_ARTIFACT + "-" + pack.version() + ".jar";
	}

	/** Where the jar sits in the local Maven repository. */
	public Path localJar() {
		Path p = localRepo;
		for (String part : GpuPack.GROUP.split("\\.")) p = p.resolve(part);
		return p.resolve(GpuPack.GPU_ARTIFACT).resolve(pack.version()).resolve(jarName());
	}

	/** The jar's address on Maven Central (or the configured mirror). */
	public String remoteJar() {
		return central + "/" + GpuPack.GROUP.replace('.', '/') + "/" + GpuPack.GPU_ARTIFACT + "/" + pack.version() + "/" + jarName();
	}

	/** Installs from the given jar, or (null) from the local Maven repository or Maven Central. */
	public GpuPack.Info install(Path from) throws GpuPackException {
		if (from != null) return installFrom(from);
		if (!GPU_PLATFORMS.contains(pack.platform())) {
			throw new GpuPackException("ONNX Runtime's GPU build has no natives for " + pack.platform() + " (only for " + String.join(" and ", GPU_PLATFORMS)
				+ "): the CPU runtime is all there is here");
		}
		Path local = localJar();
		if (Files.isRegularFile(local)) {
			progress.update("using " + local, 0, -1);
			return installFrom(local);
		}
		Path download = download();
		try {
			return installFrom(download);
		} finally {
			deleteQuietly(download);
		}
	}

	/** Checks the jar and unpacks its natives for this platform into the pack folder. */
	public GpuPack.Info installFrom(Path jar) throws GpuPackException {
		if (!Files.exists(jar)) throw new GpuPackException("cannot read " + jar + ": no such file");
		if (!Files.isRegularFile(jar)) throw new GpuPackException("cannot read " + jar + ": not a file");
		if (!Files.isReadable(jar)) throw new GpuPackException("cannot read " + jar + ": permission denied");
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			MavenCoordinates c = coordinates(zip);
			if (c == null) {
				throw new GpuPackException(jar + " is not an " + GpuPack.GPU_ARTIFACT + " jar (no META-INF/maven/" + GpuPack.GROUP + "/"
					+ GpuPack.GPU_ARTIFACT + "/pom.properties)");
			}
			if (!GpuPack.GPU_ARTIFACT.equals(c.artifactId)) {
				throw new GpuPackException(jar + " is " + c + ", not " + GpuPack.GROUP + ":" + GpuPack.GPU_ARTIFACT);
			}
			if (!pack.version().equals(c.version)) {
				throw new GpuPackException(jar + " is " + GpuPack.GPU_ARTIFACT + " " + c.version + " but this ONNX Runtime is " + pack.version()
					+ "; use " + jarName());
			}
			List<ZipEntry> natives = natives(zip, pack.platform());
			List<String> names = new ArrayList<>();
			for (ZipEntry e : natives) names.add(e.getName().substring(e.getName().lastIndexOf('/') + 1));
			if (!names.containsAll(GpuPack.coreLibraries())) {
				throw new GpuPackException(jar + " has no natives for " + pack.platform() + " (it has: " + String.join(", ", platforms(zip))
					+ "); the GPU build of ONNX Runtime exists for linux-x64 and win-x64 only");
			}
			String sha = sha256(jar);
			return unpack(zip, natives, jar.getFileName().toString(), sha);
		} catch (ZipException e) {
			throw new GpuPackException(jar + " is not a jar (zip) file");
		} catch (AccessDeniedException e) {
			throw new GpuPackException("cannot read " + jar + ": permission denied");
		} catch (IOException e) {
			throw new GpuPackException("cannot install the GPU pack from " + jar + ": " + oneLine(e));
		}
	}

	/** The jar's own Maven coordinates under com.microsoft.onnxruntime, preferring onnxruntime_gpu. */
	static MavenCoordinates coordinates(ZipFile zip) throws IOException {
		MavenCoordinates found = null;
		for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
			ZipEntry e = en.nextElement();
			Matcher m = MAVEN_META.matcher(e.getName());
			if (!m.matches()) continue;
			MavenCoordinates c;
			try (InputStream in = zip.getInputStream(e)) {
				c = m.group(2).equals("xml") ? MavenCoordinates.fromPomXml(in) : MavenCoordinates.fromPomProperties(in);
			}
			if (c == null) continue;
			if (c.artifactId == null) c = new MavenCoordinates(m.group(1), c.version);
			if (GpuPack.GPU_ARTIFACT.equals(c.artifactId)) return c;
			if (found == null) found = c;
		}
		return found;
	}

	/** The files directly under {@code ai/onnxruntime/native/<platform>/}. */
	static List<ZipEntry> natives(ZipFile zip, String platform) {
		String prefix = NATIVE + platform + "/";
		List<ZipEntry> out = new ArrayList<>();
		for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
			ZipEntry e = en.nextElement();
			String n = e.getName();
			if (!e.isDirectory() && n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0 && n.length() > prefix.length()) out.add(e);
		}
		return out;
	}

	private static List<String> platforms(ZipFile zip) {
		TreeSet<String> out = new TreeSet<>();
		for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
			String n = en.nextElement().getName();
			if (n.startsWith(NATIVE)) {
				String rest = n.substring(NATIVE.length());
				int slash = rest.indexOf('/');
				if (slash > 0) out.add(rest.substring(0, slash));
			}
		}
		if (out.isEmpty()) out.add("none");
		return new ArrayList<>(out);
	}

	private GpuPack.Info unpack(ZipFile zip, List<ZipEntry> natives, String source, String sourceSha) throws IOException, GpuPackException {
		Path dir = pack.folder();
		Path parent = dir.getParent();
		Files.createDirectories(parent);
		removeStale(parent);
		Path tmp = Files.createTempDirectory(parent, ".install-" + ProcessHandle.current().pid() + "-");
		boolean done = false;
		Path old = null;
		try {
			long total = 0, copied = 0;
			for (ZipEntry e : natives) total += Math.max(0, e.getSize());
			GpuPack.Info info = new GpuPack.Info();
			info.version = pack.version();
			info.platform = pack.platform();
			info.source = source;
			info.sourceSha256 = sourceSha;
			info.files = new ArrayList<>();
			byte[] buf = new byte[1 << 16];
			for (ZipEntry e : natives) {
				String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
				MessageDigest md = sha256();
				long size = 0;
				try (InputStream in = zip.getInputStream(e); OutputStream out = Files.newOutputStream(tmp.resolve(name))) {
					for (int n; (n = in.read(buf)) > 0;) {
						checkCancelled();
						out.write(buf, 0, n);
						md.update(buf, 0, n);
						size += n;
						copied += n;
						progress.update("unpacking " + name, copied, total);
					}
				}
				info.files.add(new GpuPack.FileEntry(name, size, hex(md.digest())));
			}
			info.installedAt = Instant.now().toString();
			try (Writer w = Files.newBufferedWriter(tmp.resolve(GpuPack.MANIFEST), StandardCharsets.UTF_8)) {
				GpuPack.GSON.toJson(info, w);
			}
			checkCancelled();
			if (Files.exists(dir)) {
				old = parent.resolve(".old-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
				move(dir, old);
			}
			move(tmp, dir);
			done = true;
			if (old != null) deleteTree(old);
			return info;
		} finally {
			if (!done) {
				deleteTree(tmp);
				// the new pack did not take the old one's place: put the old one back rather than lose it
				if (old != null && Files.exists(old) && !Files.exists(dir)) move(old, dir);
			}
		}
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		} catch (AtomicMoveNotSupportedException e) {
			Files.move(from, to);
		}
	}

	/** Leftovers of installs whose process is gone (killed): {@code .install-<pid>-*}, {@code .old-<pid>-*}. */
	private static void removeStale(Path parent) {
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, ".{install,old}-*")) {
			for (Path p : ds) {
				String[] parts = p.getFileName().toString().split("-");
				try {
					long pid = Long.parseLong(parts[1]);
					if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
				} catch (RuntimeException e) {
					// not ours to judge: remove
				}
				deleteTree(p);
			}
		} catch (IOException e) {
			// nothing stale to remove
		}
	}

	/** Downloads the jar from Central into the home folder, verified against Central's SHA-1. */
	private Path download() throws GpuPackException {
		String url = remoteJar();
		HttpClient.Builder hb = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30));
		if (ProxySelector.getDefault() != null) hb.proxy(ProxySelector.getDefault()); // http(s).proxyHost, as Fiji sets them
		HttpClient http = hb.build();
		String expected;
		try {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + ".sha1")).timeout(Duration.ofSeconds(60)).build(),
				HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != 200) throw new GpuPackException(jarName() + " is neither in " + localRepo + " nor downloadable from " + url + ".sha1 (HTTP "
				+ r.statusCode() + "); download it and use --from");
			expected = r.body().trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
			if (!expected.matches("[0-9a-f]{40}")) throw new GpuPackException("unexpected checksum file at " + url + ".sha1");
		} catch (IOException e) {
			throw new GpuPackException(jarName() + " is not in " + localRepo + " and Maven Central cannot be reached (" + oneLine(e)
				+ "); download " + url + " and use --from");
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new GpuPackException("download interrupted");
		}
		Path part;
		try {
			Files.createDirectories(pack.root());
			part = Files.createTempFile(pack.root(), ".download-", ".jar.part");
		} catch (IOException e) {
			throw new GpuPackException("cannot write to " + pack.root() + ": " + oneLine(e));
		}
		boolean ok = false;
		try {
			HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream in = r.body()) {
				if (r.statusCode() != 200) throw new GpuPackException("cannot download " + url + " (HTTP " + r.statusCode() + ")");
				long total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
				MessageDigest md = digest("SHA-1");
				byte[] buf = new byte[1 << 16];
				long done = 0;
				try (OutputStream out = Files.newOutputStream(part)) {
					for (int n; (n = in.read(buf)) > 0;) {
						checkCancelled();
						out.write(buf, 0, n);
						md.update(buf, 0, n);
						done += n;
						progress.update("downloading " + jarName(), done, total);
					}
				}
				String got = hex(md.digest());
				if (!got.equals(expected)) throw new GpuPackException("download of " + url + " is corrupt (SHA-1 " + got + ", Central says " + expected + ")");
			}
			ok = true;
			return part;
		} catch (IOException e) {
			throw new GpuPackException("cannot download " + url + ": " + oneLine(e));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new GpuPackException("download interrupted");
		} finally {
			if (!ok) deleteQuietly(part);
		}
	}

	/**
	 * Deletes every pack (all versions) under the home's {@code gpu} folder; returns one line saying what
	 * was removed, or that nothing was installed.
	 */
	public static String remove(GpuPack pack) throws GpuPackException {
		Path root = pack.root();
		if (!Files.exists(root)) return "no GPU pack installed in " + root + ": nothing removed";
		List<String> packs = new ArrayList<>();
		long bytes = 0;
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				if (p.getFileName().toString().equals(GpuPack.MANIFEST)) {
					Path rel = root.relativize(p.getParent());
					if (rel.getNameCount() == 2 && !rel.getFileName().toString().startsWith(".")) packs.add(rel.getName(0) + " " + rel.getName(1));
				}
				if (Files.isRegularFile(p)) bytes += Files.size(p);
			}
		} catch (IOException e) {
			throw new GpuPackException("cannot read " + root + ": " + oneLine(e));
		}
		try {
			deleteTreeOrFail(root);
		} catch (IOException e) {
			throw new GpuPackException("cannot remove " + root + ": " + oneLine(e) + (isWindows() ? " (close Fiji or other programs using it first)" : ""));
		}
		if (packs.isEmpty()) return "no GPU pack installed in " + root + "; removed leftovers (" + mb(bytes) + ")";
		return "removed the GPU pack " + String.join(", ", packs) + " (" + mb(bytes) + ") from " + root;
	}

	static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
	}

	private void checkCancelled() throws GpuPackException {
		if (cancelled.getAsBoolean()) throw new GpuPackException("installation cancelled; nothing was installed");
	}

	private static boolean isWindows() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
	}

	static String sha256(Path file) throws IOException {
		MessageDigest md = sha256();
		byte[] buf = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n; (n = in.read(buf)) > 0;) md.update(buf, 0, n);
		}
		return hex(md.digest());
	}

	private static MessageDigest sha256() {
		return digest("SHA-256");
	}

	private static MessageDigest digest(String alg) {
		try {
			return MessageDigest.getInstance(alg);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String hex(byte[] b) {
		StringBuilder sb = new StringBuilder(b.length * 2);
		for (byte x : b) sb.append(String.format("%02x", x & 0xff));
		return sb.toString();
	}

	private static String oneLine(Exception e) {
		String m = e.getMessage();
		if (e instanceof NoSuchFileException) m = "no such file " + m;
		if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
		return m.replaceAll("\\s+", " ").trim();
	}

	private static void deleteQuietly(Path p) {
		try {
			Files.deleteIfExists(p);
		} catch (IOException e) {
			// a leftover download; removed by gpu remove
		}
	}

	private static void deleteTree(Path root) {
		try {
			deleteTreeOrFail(root);
		} catch (IOException e) {
			// left for gpu remove
		}
	}

	private static void deleteTreeOrFail(Path root) throws IOException {
		if (!Files.exists(root)) return;
		List<Path> all = new ArrayList<>();
		try (Stream<Path> s = Files.walk(root)) {
			s.sorted(Comparator.reverseOrder()).forEach(all::add);
		}
		for (Path p : all) Files.deleteIfExists(p);
	}
}
