package io.github.inceptioncam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import io.github.inceptioncam.inference.GpuPack;
import io.github.inceptioncam.testing.FakeGpuJar;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU pack through the command line: install from a jar built here out of the CPU runtime's own natives,
 * use it in fresh JVMs (ONNX Runtime must be loaded from the pack, nothing extracted to the temp folder),
 * remove it; the refusals; resolution from a local Maven repository and from a (local) Central.
 */
class GpuPackCliTest {
	/** Nothing answers here: a test that reached for the network would fail, never download. */
	static final String NO_CENTRAL = "http://127.0.0.1:9/maven2";

	@TempDir
	Path dir;

	static final class Run {
		int code;
		String out;
		String err;

		List<String> errLines() {
			return Arrays.stream(err.split("\\R")).filter(l -> !l.isBlank()).collect(Collectors.toList());
		}
	}

	Run cli(Path home, Path repo, String central, String... args) {
		StringWriter o = new StringWriter(), e = new StringWriter();
		Run r = new Run();
		r.code = Main.run(args, new PrintWriter(o), new PrintWriter(e), new GpuCommand.Places(home, repo, central));
		r.out = o.toString();
		r.err = e.toString();
		return r;
	}

	/** The command line in a fresh JVM with INCEPTION_CAM_HOME=home and its own temp folder. */
	static Run child(Path home, Path tmp, Path julConfig, String... args) throws Exception {
		List<String> cmd = new ArrayList<>();
		cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		cmd.add("-Djava.io.tmpdir=" + tmp);
		if (julConfig != null) cmd.add("-Djava.util.logging.config.file=" + julConfig);
		if (Runtime.version().feature() >= 22) cmd.add("--enable-native-access=ALL-UNNAMED");
		cmd.add("-cp");
		cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
		cmd.add(Main.class.getName());
		cmd.addAll(Arrays.asList(args));
		Path out = Files.createTempFile(home.getParent(), "out", ".txt"), err = Files.createTempFile(home.getParent(), "err", ".txt");
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
		pb.environment().put(GpuPack.HOME_ENV, home.toString());
		Process p = pb.start();
		if (!p.waitFor(180, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("child JVM timed out: " + cmd);
		}
		Run r = new Run();
		r.code = p.exitValue();
		r.out = Files.readString(out);
		r.err = Files.readString(err);
		return r;
	}

	static List<String> onnxruntimeEntries(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> n.toLowerCase().contains("onnxruntime")).sorted().collect(Collectors.toList());
		}
	}

	Path packFolder(Path home) {
		return home.resolve("gpu").resolve(GpuPack.runtimeVersion()).resolve(GpuPack.currentPlatform());
	}

	@Test
	void installedPackIsLoadedByFreshJvmsThenRemoved() throws Exception {
		Path home = dir.resolve("home"), tmp = Files.createDirectories(dir.resolve("jvm-tmp"));
		Path jar = FakeGpuJar.write(dir.resolve("onnxruntime_gpu-" + GpuPack.runtimeVersion() + ".jar"));
		Run install = cli(home, dir.resolve("no-repo"), NO_CENTRAL, "gpu", "install", "--from", jar.toString());
		assertEquals(0, install.code, install.err);
		assertTrue(install.out.startsWith("installed the GPU pack " + GpuPack.runtimeVersion() + " " + GpuPack.currentPlatform()), install.out);
		Path pack = packFolder(home);
		JsonObject manifest = JsonParser.parseString(Files.readString(pack.resolve("pack.json"))).getAsJsonObject();
		assertEquals(GpuPack.runtimeVersion(), manifest.get("version").getAsString());
		assertEquals(GpuPack.currentPlatform(), manifest.get("platform").getAsString());
		assertEquals(jar.getFileName().toString(), manifest.get("source").getAsString());
		assertEquals(sha256(jar), manifest.get("source_sha256").getAsString());
		assertEquals(FakeGpuJar.natives().size(), manifest.getAsJsonArray("files").size());
		for (String lib : FakeGpuJar.natives()) assertTrue(Files.isRegularFile(pack.resolve(lib)), lib);
		try (Stream<Path> s = Files.list(pack.getParent())) {
			assertEquals(List.of(GpuPack.currentPlatform()), s.map(p -> p.getFileName().toString()).collect(Collectors.toList()), "no temporary folders left");
		}

		// ONNX Runtime's own log (java.util.logging) says where each library came from
		Path ortLog = dir.resolve("ort.log");
		Path jul = Files.writeString(dir.resolve("logging.properties"), "handlers=java.util.logging.FileHandler\n.level=INFO\nai.onnxruntime.level=FINE\n"
			+ "java.util.logging.FileHandler.pattern=" + ortLog.toString().replace("\\", "/") + "\njava.util.logging.FileHandler.level=FINE\n"
			+ "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter\n");
		Path image = Paths.get("sample-images", "field_00003.tif").toAbsolutePath();
		Run auto = child(home, tmp, jul, "classify", "--device", "auto", "--json", image.toString());
		assertEquals(0, auto.code, auto.err);
		assertEquals(1, auto.errLines().size(), auto.err);
		assertTrue(auto.errLines().get(0).startsWith("info: device auto: using the CPU because "), auto.err);
		assertEquals("cpu", JsonParser.parseString(auto.out.trim()).getAsJsonObject().get("device").getAsString());
		String log = Files.readString(ortLog);
		assertTrue(log.contains("Loaded native library 'onnxruntime' from specified path"), log);
		assertTrue(log.contains("Loaded native library 'onnxruntime4j_jni' from specified path"), log);
		assertFalse(log.contains("from resource path"), "extracted from the jar: " + log);
		assertEquals(List.of(), onnxruntimeEntries(tmp), "left in the temp folder");

		Run status = child(home, tmp, null, "gpu", "status", "--json");
		assertEquals(0, status.code, status.err);
		JsonObject s = JsonParser.parseString(status.out).getAsJsonObject();
		assertTrue(s.getAsJsonObject("pack").get("installed").getAsBoolean(), status.out);
		assertEquals(pack.toString(), s.getAsJsonObject("pack").get("folder").getAsString());
		assertEquals(pack.toString(), s.get("native_path").getAsString());
		if (GpuPack.currentPlatform().startsWith("linux")) {
			assertEquals(pack.resolve(FakeGpuJar.natives().get(0)).toString(), s.get("native_library").getAsString(), "from /proc/self/maps");
		}
		assertTrue(s.get("active").getAsBoolean(), status.out);
		JsonArray providers = s.getAsJsonArray("providers");
		assertTrue(providers.toString().contains("\"CPU\""), status.out);
		assertEquals("cpu", s.getAsJsonObject("auto").get("device").getAsString());
		assertEquals(List.of(), onnxruntimeEntries(tmp), "left in the temp folder");

		// the pack holds no CUDA provider and this machine may have no CUDA: gpu names what is missing
		Run gpu = child(home, tmp, null, "classify", "--device", "gpu", image.toString());
		assertEquals(2, gpu.code, gpu.err);
		assertEquals(1, gpu.errLines().size(), gpu.err);
		assertTrue(gpu.err.startsWith("error: gpu requested but "), gpu.err);
		assertTrue(gpu.err.contains("no CUDA provider"), gpu.err);

		Run remove = cli(home, null, null, "gpu", "remove");
		assertEquals(0, remove.code, remove.err);
		assertEquals(1, remove.out.trim().split("\\R").length, remove.out);
		assertTrue(remove.out.startsWith("removed the GPU pack " + GpuPack.runtimeVersion() + " " + GpuPack.currentPlatform()), remove.out);
		assertFalse(Files.exists(home.resolve("gpu")));
		Run again = cli(home, null, null, "gpu", "remove");
		assertEquals(0, again.code, again.err);
		assertTrue(again.out.startsWith("no GPU pack installed in "), again.out);

		// without a pack: the CPU runtime from the jar, and gpu says to install the pack
		Run after = child(home, tmp, null, "gpu", "status", "--json");
		assertEquals(0, after.code, after.err);
		JsonObject a = JsonParser.parseString(after.out).getAsJsonObject();
		assertFalse(a.getAsJsonObject("pack").get("installed").getAsBoolean());
		assertFalse(a.get("active").getAsBoolean());
		assertTrue(a.get("native_path").isJsonNull(), after.out);
		Run noPack = child(home, tmp, null, "classify", "--device", "gpu", image.toString());
		assertEquals(2, noPack.code, noPack.err);
		assertEquals(1, noPack.errLines().size(), noPack.err);
		assertTrue(noPack.err.startsWith("error: gpu requested but the GPU pack is not installed: run "), noPack.err);
		assertTrue(noPack.err.contains("gpu install"), noPack.err);
	}

	@Test
	void packThatDoesNotLoadFailsWithOneLineNamingTheFix() throws Exception {
		Path home = dir.resolve("home"), tmp = Files.createDirectories(dir.resolve("jvm-tmp"));
		Path jar = FakeGpuJar.write(dir.resolve("onnxruntime_gpu-" + GpuPack.runtimeVersion() + ".jar"));
		assertEquals(0, cli(home, null, NO_CENTRAL, "gpu", "install", "--from", jar.toString()).code);
		Path lib = packFolder(home).resolve(FakeGpuJar.natives().get(0));
		Files.write(lib, new byte[(int) Files.size(lib)]); // same size, not a library
		Run r = child(home, tmp, null, "classify", "--device", "cpu", Paths.get("sample-images", "field_00003.tif").toAbsolutePath().toString());
		assertEquals(2, r.code, r.err);
		// HotSpot itself may warn about the bad library first; ours is one line, the last
		List<String> ours = r.errLines().stream().filter(l -> !l.startsWith("OpenJDK") && !l.startsWith("It's highly recommended")).collect(Collectors.toList());
		assertEquals(1, ours.size(), r.err);
		assertTrue(ours.get(0).startsWith("error: ONNX Runtime does not load from the GPU pack in " + packFolder(home)), r.err);
		assertTrue(ours.get(0).contains("gpu remove"), r.err);
	}

	void assertRefused(Run r, String expectedStart, Path home) {
		assertEquals(2, r.code, r.err);
		assertEquals(1, r.errLines().size(), r.err);
		assertTrue(r.err.startsWith("error: " + expectedStart), r.err);
		assertEquals("", r.out);
		assertFalse(Files.exists(packFolder(home)), "nothing installed");
	}

	@Test
	void refusesWrongJarsWithOneLine() throws Exception {
		Path home = dir.resolve("home");
		String v = GpuPack.runtimeVersion(), platform = GpuPack.currentPlatform();
		Path wrongVersion = FakeGpuJar.write(dir.resolve("onnxruntime_gpu-1.28.0.jar"), GpuPack.GPU_ARTIFACT, "1.28.0", platform);
		assertRefused(cli(home, null, NO_CENTRAL, "gpu", "install", "--from", wrongVersion.toString()),
			wrongVersion + " is onnxruntime_gpu 1.28.0 but this ONNX Runtime is " + v + "; use onnxruntime_gpu-" + v + ".jar", home);

		Path cpu = FakeGpuJar.write(dir.resolve("onnxruntime-" + v + ".jar"), GpuPack.CPU_ARTIFACT, v, platform);
		assertRefused(cli(home, null, NO_CENTRAL, "gpu", "install", "--from", cpu.toString()),
			cpu + " is com.microsoft.onnxruntime:onnxruntime:" + v + ", not com.microsoft.onnxruntime:onnxruntime_gpu", home);
		Path anonymous = FakeGpuJar.write(dir.resolve("something.jar"), null, null, platform);
		assertRefused(cli(home, null, NO_CENTRAL, "gpu", "install", "--from", anonymous.toString()), anonymous + " is not an onnxruntime_gpu jar", home);

		String other = platform.equals("linux-x64") ? "osx-aarch64" : "linux-x64";
		Path foreign = FakeGpuJar.write(Files.createDirectories(dir.resolve("foreign")).resolve("onnxruntime_gpu-" + v + ".jar"), GpuPack.GPU_ARTIFACT, v, other);
		Run r = cli(home, null, NO_CENTRAL, "gpu", "install", "--from", foreign.toString());
		assertRefused(r, foreign + " has no natives for " + platform + " (it has: " + other + ")", home);

		Path missing = dir.resolve("nowhere/onnxruntime_gpu-" + v + ".jar");
		assertRefused(cli(home, null, NO_CENTRAL, "gpu", "install", "--from", missing.toString()), "cannot read " + missing + ": no such file", home);
		assertRefused(cli(home, null, NO_CENTRAL, "gpu", "install", "--from", dir.toString()), "cannot read " + dir + ": not a file", home);
		Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");
		assertRefused(cli(home, null, NO_CENTRAL, "gpu", "install", "--from", text.toString()), text + " is not a jar (zip) file", home);
	}

	@Test
	void resolvesFromTheLocalMavenRepositoryWithoutNetwork() throws Exception {
		Path home = dir.resolve("home"), repo = dir.resolve("m2");
		String v = GpuPack.runtimeVersion();
		Run refused = cli(home, repo, NO_CENTRAL, "gpu", "install");
		assertRefused(refused, "onnxruntime_gpu-" + v + ".jar is not in " + repo + " and Maven Central cannot be reached", home);
		assertTrue(refused.err.contains("--from"), refused.err);

		Path inRepo = repo.resolve("com/microsoft/onnxruntime/onnxruntime_gpu/" + v + "/onnxruntime_gpu-" + v + ".jar");
		Files.createDirectories(inRepo.getParent());
		FakeGpuJar.write(inRepo);
		Run r = cli(home, repo, NO_CENTRAL, "gpu", "install");
		assertEquals(0, r.code, r.err);
		assertTrue(r.err.startsWith("using " + inRepo), r.err);
		JsonObject manifest = JsonParser.parseString(Files.readString(packFolder(home).resolve("pack.json"))).getAsJsonObject();
		assertEquals(sha256(inRepo), manifest.get("source_sha256").getAsString());
	}

	@Test
	void downloadsFromCentralCheckingItsSha1() throws Exception {
		Path home = dir.resolve("home"), repo = dir.resolve("empty-m2");
		String v = GpuPack.runtimeVersion();
		Path jar = FakeGpuJar.write(dir.resolve("served.jar"));
		byte[] body = Files.readAllBytes(jar);
		String[] sha1 = {hex(MessageDigest.getInstance("SHA-1").digest(body)) + "  onnxruntime_gpu-" + v + ".jar"};
		List<String> asked = new ArrayList<>();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		String path = "/maven2/com/microsoft/onnxruntime/onnxruntime_gpu/" + v + "/onnxruntime_gpu-" + v + ".jar";
		server.createContext("/", ex -> {
			String p = ex.getRequestURI().getPath();
			asked.add(p);
			byte[] b = p.equals(path) ? body : p.equals(path + ".sha1") ? sha1[0].getBytes(StandardCharsets.US_ASCII) : null;
			ex.sendResponseHeaders(b == null ? 404 : 200, b == null ? -1 : b.length);
			if (b != null) try (OutputStream o = ex.getResponseBody()) {
				o.write(b);
			}
			ex.close();
		});
		server.start();
		try {
			String central = "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2";
			sha1[0] = "0000000000000000000000000000000000000000";
			Run corrupt = cli(home, repo, central, "gpu", "install");
			assertEquals(2, corrupt.code, corrupt.err);
			List<String> lines = corrupt.errLines();
			assertTrue(lines.subList(0, lines.size() - 1).stream().allMatch(l -> l.startsWith("downloading ")), "progress, then one error line: " + corrupt.err);
			assertTrue(lines.get(lines.size() - 1).startsWith("error: download of " + central.replace("/maven2", "") + path + " is corrupt"), corrupt.err);
			assertFalse(Files.exists(packFolder(home)));
			if (Files.exists(home.resolve("gpu"))) {
				try (Stream<Path> s = Files.list(home.resolve("gpu"))) {
					assertEquals(List.of(), s.collect(Collectors.toList()), "the corrupt download is deleted");
				}
			}

			sha1[0] = hex(MessageDigest.getInstance("SHA-1").digest(body));
			Run r = cli(home, repo, central, "gpu", "install");
			assertEquals(0, r.code, r.err);
			assertTrue(r.err.contains("downloading onnxruntime_gpu-" + v + ".jar: 100%"), r.err);
			assertTrue(asked.contains(path + ".sha1") && asked.contains(path), asked.toString());
			assertTrue(Files.isRegularFile(packFolder(home).resolve("pack.json")));
			try (Stream<Path> s = Files.list(home.resolve("gpu"))) {
				assertEquals(List.of(v), s.map(p -> p.getFileName().toString()).collect(Collectors.toList()), "the download is deleted");
			}
		} finally {
			server.stop(0);
		}
	}

	static String sha256(Path file) throws Exception {
		return hex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

	static String hex(byte[] b) {
		StringBuilder sb = new StringBuilder();
		for (byte x : b) sb.append(String.format("%02x", x & 0xff));
		return sb.toString();
	}
}
