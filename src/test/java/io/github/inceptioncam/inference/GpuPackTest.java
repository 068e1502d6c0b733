package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.testing.FakeGpuJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack folder: completeness, atomic install (cancelled or killed installs leave no pack), versions. */
class GpuPackTest {
	@TempDir
	Path dir;

	GpuPackInstaller installer(GpuPack pack, java.util.function.BooleanSupplier cancelled) {
		return new GpuPackInstaller(pack, dir.resolve("m2"), "http://127.0.0.1:9", null, cancelled);
	}

	@Test
	void runtimeVersionComesFromTheRuntimeJar() {
		String v = GpuPack.runtimeVersion();
		assertTrue(v.matches("\\d+\\.\\d+\\.\\d+.*"), v);
		assertEquals(ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion(), v);
	}

	@Test
	void cancelledInstallLeavesNoPackAndNoTemporaryFolder() throws Exception {
		GpuPack pack = new GpuPack(dir.resolve("home"), GpuPack.runtimeVersion(), GpuPack.currentPlatform());
		Path jar = FakeGpuJar.write(dir.resolve("gpu.jar"));
		AtomicInteger calls = new AtomicInteger();
		GpuPackException e = assertThrows(GpuPackException.class, () -> installer(pack, () -> calls.incrementAndGet() > 3).installFrom(jar));
		assertEquals("installation cancelled; nothing was installed", e.getMessage());
		assertFalse(Files.exists(pack.folder()));
		try (Stream<Path> s = Files.list(pack.folder().getParent())) {
			assertEquals(List.of(), s.collect(Collectors.toList()));
		}
		assertTrue(pack.problem().startsWith("no GPU pack installed in "), pack.problem());
	}

	@Test
	void killedInstallLeftoversAreIgnoredThenCleanedAndReinstallReplaces() throws Exception {
		GpuPack pack = new GpuPack(dir.resolve("home"), GpuPack.runtimeVersion(), GpuPack.currentPlatform());
		Path stale = Files.createDirectories(pack.folder().getParent().resolve(".install-2147483646-123"));
		Files.writeString(stale.resolve(FakeGpuJar.natives().get(0)), "half");
		assertTrue(pack.problem().startsWith("no GPU pack installed"), "a killed install is no pack");
		Path jar = FakeGpuJar.write(dir.resolve("gpu.jar"));
		installer(pack, null).installFrom(jar);
		assertNull(pack.problem());
		assertFalse(Files.exists(stale), "leftover of a dead process removed");
		installer(pack, null).installFrom(jar);
		assertNull(pack.problem());
		try (Stream<Path> s = Files.list(pack.folder().getParent())) {
			assertEquals(List.of(pack.folder()), s.collect(Collectors.toList()), "the old pack is replaced, nothing left beside it");
		}
	}

	@Test
	void damagedOrForeignPacksAreNotUsed() throws Exception {
		GpuPack pack = new GpuPack(dir.resolve("home"), GpuPack.runtimeVersion(), GpuPack.currentPlatform());
		installer(pack, null).installFrom(FakeGpuJar.write(dir.resolve("gpu.jar")));
		assertNull(pack.problem());
		GpuPack other = new GpuPack(dir.resolve("home"), "9.9.9", GpuPack.currentPlatform());
		assertTrue(other.problem().startsWith("no GPU pack installed"), "another version's pack is not this one");
		Path lib = pack.folder().resolve(FakeGpuJar.natives().get(0));
		Files.write(lib, new byte[] {1, 2, 3});
		assertTrue(pack.problem().contains("is damaged: " + FakeGpuJar.natives().get(0)), pack.problem());
		assertNull(pack.installed());
		Files.delete(pack.folder().resolve(GpuPack.MANIFEST));
		assertTrue(pack.problem().contains("has no readable pack.json"), pack.problem());
	}

	@Test
	void procMapsNamesTheLoadedLibrary() throws Exception {
		Path maps = Files.writeString(dir.resolve("maps"), "7f00-7f01 r-xp 00000000 08:01 42   /usr/lib/libc.so.6\n"
			+ "7f02-7f03 r-xp 00000000 08:01 43   /home/u/.inception-cam/gpu/1.29.0/linux x64/libonnxruntime.so\n"
			+ "7f04-7f05 rw-p 00000000 00:00 0 \n");
		assertEquals("/home/u/.inception-cam/gpu/1.29.0/linux x64/libonnxruntime.so", GpuStatus.loadedLibrary(maps, "libonnxruntime.so"));
		Path deleted = Files.writeString(dir.resolve("maps2"), "7f02-7f03 r-xp 00000000 08:01 43   /tmp/onnxruntime-java1/libonnxruntime.so (deleted)\n");
		assertEquals("/tmp/onnxruntime-java1/libonnxruntime.so (deleted)", GpuStatus.loadedLibrary(deleted, "libonnxruntime.so"));
		assertNull(GpuStatus.loadedLibrary(dir.resolve("none"), "libonnxruntime.so"));
	}
}
