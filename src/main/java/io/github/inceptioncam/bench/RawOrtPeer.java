package io.github.inceptioncam.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The raw ONNX Runtime peer: an {@link OrtSession} on the original model bytes with the same threads,
 * spinning and device as our engine. {@link #run} is what a hand-written ORT program does per batch:
 * wrap the (direct) input buffer, run, read the first output, take each image's top-1.
 */
final class RawOrtPeer implements AutoCloseable {
	private final OrtEnvironment env;
	private final OrtSession.SessionOptions options;
	private final OrtSession session;
	private final String input;

	RawOrtPeer(OrtEnvironment env, byte[] modelBytes, int intraOpThreads, boolean spinning, boolean gpu) throws OrtException {
		this(env, null, modelBytes, intraOpThreads, spinning, gpu);
	}

	/** The peer of a model: opened from its file by path when it has one, else from its bytes. */
	RawOrtPeer(OrtEnvironment env, PeerModel m, int intraOpThreads, boolean spinning, boolean gpu) throws OrtException {
		this(env, m.file, m.bytes, intraOpThreads, spinning, gpu);
	}

	private RawOrtPeer(OrtEnvironment env, java.nio.file.Path file, byte[] modelBytes, int intraOpThreads, boolean spinning,
			boolean gpu) throws OrtException {
		this.env = env;
		this.options = PeerSessionOptions.create(intraOpThreads, spinning, gpu);
		try {
			this.session = file != null ? env.createSession(file.toString(), options) : env.createSession(modelBytes, options);
		} catch (OrtException | RuntimeException e) {
			options.close();
			throw e;
		}
		this.input = session.getInputNames().iterator().next();
	}

	/** Runs one batch (the first {@code batch} images of {@code data}); returns each image's top-1 class. */
	int[] run(FloatBuffer data, long[] shape) throws OrtException {
		int batch = (int) shape[0];
		int[] top1 = new int[batch];
		long n = 1;
		for (long d : shape) n *= d;
		FloatBuffer in = data.duplicate();
		in.clear().limit((int) n);
		try (OnnxTensor t = OnnxTensor.createTensor(env, in, shape);
				OrtSession.Result r = session.run(Map.of(input, t))) {
			OnnxValue v = r.get(0);
			FloatBuffer out = ((OnnxTensor) v).getFloatBuffer();
			int k = out.remaining() / batch;
			for (int i = 0; i < batch; i++) {
				int best = 0;
				for (int c = 1; c < k; c++) if (out.get(i * k + c) > out.get(i * k + best)) best = c;
				top1[i] = best;
			}
		}
		return top1;
	}

	@Override
	public void close() throws OrtException {
		try {
			session.close();
		} finally {
			options.close();
		}
	}
}
