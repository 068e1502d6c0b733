package io.github.inceptioncam.testing;

import io.github.inceptioncam.inference.GpuPack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Stand-ins for {@code onnxruntime_gpu-<version>.jar}, built from the CPU runtime's own natives for this
 * platform (read as class-path resources, without initialising ONNX Runtime): a zip with the natives under
 * {@code ai/onnxruntime/native/<platform>/} and a pom.properties naming the artifact and version.
 */
public final class FakeGpuJar {
	private FakeGpuJar() {}

	/** The natives of the CPU runtime for this platform, as ONNX Runtime names them. */
	public static List<String> natives() {
		return List.of(System.mapLibraryName("onnxruntime").replace("jnilib", "dylib"), System.mapLibraryName("onnxruntime4j_jni").replace("jnilib", "dylib"));
	}

	/** onnxruntime_gpu of the runtime's version with this platform's natives. */
	public static Path write(Path file) throws IOException {
		return write(file, GpuPack.GPU_ARTIFACT, GpuPack.runtimeVersion(), GpuPack.currentPlatform());
	}

	/** A jar claiming {@code artifactId} and {@code version}, with this platform's natives stored under {@code platformDir}. */
	public static Path write(Path file, String artifactId, String version, String platformDir) throws IOException {
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
			zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
			if (artifactId != null) {
				zip.putNextEntry(new ZipEntry("META-INF/maven/" + GpuPack.GROUP + "/" + artifactId + "/pom.properties"));
				zip.write(("groupId=" + GpuPack.GROUP + "\nartifactId=" + artifactId + "\nversion=" + version + "\n").getBytes(StandardCharsets.UTF_8));
			}
			if (platformDir != null) {
				for (String lib : natives()) {
					String res = "ai/onnxruntime/native/" + GpuPack.currentPlatform() + "/" + lib;
					try (InputStream in = FakeGpuJar.class.getClassLoader().getResourceAsStream(res)) {
						if (in == null) throw new IOException("the CPU runtime on the class path has no " + res);
						zip.putNextEntry(new ZipEntry("ai/onnxruntime/native/" + platformDir + "/" + lib));
						in.transferTo(zip);
					}
				}
			}
		}
		return file;
	}

}
