package io.github.inceptioncam.testing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.inceptioncam.model.Npy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Helpers to build bioimage.io packages in tests: hashes, npy files, zips, a raw ONNX Runtime run, numpy percentiles. */
public final class BioPackages {
	private BioPackages() {}

	public static String sha256(byte[] b) throws Exception {
		StringBuilder sb = new StringBuilder();
		for (byte x : MessageDigest.getInstance("SHA-256").digest(b)) sb.append(String.format("%02x", x));
		return sb.toString();
	}

	public static void text(Path file, String s) throws IOException {
		Files.write(file, s.getBytes(StandardCharsets.UTF_8));
	}

	public static void npy(Path file, long[] shape, float[] data) throws IOException {
		Files.write(file, Npy.writeFloat32(shape, data));
	}

	/** Zips every file of the folder under {@code prefix} (e.g. "" or "mypkg/"). */
	public static Path zip(Path folder, Path zip, String prefix) throws IOException {
		try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os);
				DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
			for (Path p : ds) {
				z.putNextEntry(new ZipEntry(prefix + p.getFileName()));
				z.write(Files.readAllBytes(p));
				z.closeEntry();
			}
		}
		return zip;
	}

	/** Runs the model with plain ONNX Runtime on an already-preprocessed tensor; returns the named output. */
	public static float[] run(byte[] model, String input, float[] tensor, long[] shape, String output) throws Exception {
		OrtEnvironment env = io.github.inceptioncam.inference.OrtRuntime.environment();
		try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions());
				OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor), shape);
				OrtSession.Result r = s.run(Map.of(input, t))) {
			FloatBuffer fb = ((OnnxTensor) r.get(output).get()).getFloatBuffer();
			float[] out = new float[fb.remaining()];
			fb.get(out);
			return out;
		}
	}

	/** numpy.percentile(v, p) (method "linear"), written out independently of the code under test. */
	public static double percentile(double[] v, double p) {
		double[] s = v.clone();
		Arrays.sort(s);
		double pos = p / 100 * (s.length - 1);
		int lo = (int) Math.floor(pos), hi = Math.min(lo + 1, s.length - 1);
		return s[lo] + (s[hi] - s[lo]) * (pos - lo);
	}
}
