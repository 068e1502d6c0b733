package io.github.inceptioncam.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Checks what {@code mvn package} ships (run by Failsafe after the package phase): the CPU build of ONNX
 * Runtime with natives for the four platforms, never the GPU build, and a total well under 100 MB.
 */
class RuntimePackagingIT {
	private static final Path TARGET = Paths.get("target");
	private static final Path LIB = TARGET.resolve("lib");

	private static List<Path> libJars() throws IOException {
		try (Stream<Path> s = Files.list(LIB)) {
			return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().collect(Collectors.toList());
		}
	}

	@Test
	void noGpuBuildOfOnnxRuntime() throws IOException {
		List<Path> jars = libJars();
		assertFalse(jars.isEmpty(), "target/lib holds no jars: run mvn package first");
		for (Path j : jars) {
			assertFalse(j.getFileName().toString().startsWith("onnxruntime_gpu"), "GPU build of ONNX Runtime shipped: " + j);
		}
	}

	@Test
	void cpuRuntimeCarriesNativesForFourPlatforms() throws IOException {
		List<Path> ort = libJars().stream().filter(p -> p.getFileName().toString().matches("onnxruntime-\\d.*\\.jar"))
			.collect(Collectors.toList());
		assertEquals(1, ort.size(), "exactly one ONNX Runtime jar in target/lib: " + ort);
		Set<String> platforms = new TreeSet<>();
		try (ZipFile z = new ZipFile(ort.get(0).toFile())) {
			for (ZipEntry e : java.util.Collections.list(z.entries())) {
				String n = e.getName();
				if (n.startsWith("ai/onnxruntime/native/") && (n.endsWith("libonnxruntime.so") || n.endsWith("libonnxruntime.dylib")
					|| n.endsWith("onnxruntime.dll"))) {
					platforms.add(n.split("/")[3]);
				}
			}
		}
		assertEquals(Set.of("linux-x64", "linux-aarch64", "osx-aarch64", "win-x64"), platforms);
	}

	@Test
	void pluginAndLibrariesWellUnder100MB() throws IOException {
		long total = 0;
		for (Path j : libJars()) total += Files.size(j);
		Path plugin;
		try (Stream<Path> s = Files.list(TARGET)) {
			plugin = s.filter(p -> p.getFileName().toString().matches("Inception_CAM-.*\\.jar") && !p.toString().contains("tests")
				&& !p.toString().contains("sources")).findFirst().orElseThrow();
		}
		total += Files.size(plugin);
		assertTrue(total < 80L * 1024 * 1024, "plugin + target/lib = " + total / (1024 * 1024) + " MB");
	}
}
