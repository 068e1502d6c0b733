package io.github.inceptioncam.bench;

import io.github.inceptioncam.inference.CudaOptions;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/**
 * Session options of the raw ONNX Runtime peer, set exactly as our engine sets its own (see
 * {@code CamEngine.sessionOptions}): intra-op threads, one inter-op thread, sequential execution, the
 * same spinning setting; on the GPU the CUDA provider with {@link CudaOptions#throughput}.
 */
final class PeerSessionOptions {
	private PeerSessionOptions() {}

	static OrtSession.SessionOptions create(int intraOpThreads, boolean spinning, boolean gpu) throws OrtException {
		OrtSession.SessionOptions so = new OrtSession.SessionOptions();
		try {
			so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
			so.setIntraOpNumThreads(intraOpThreads);
			so.setInterOpNumThreads(1);
			so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
			so.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
			if (gpu) CudaOptions.addTo(so, CudaOptions.throughput(0));
			return so;
		} catch (OrtException | RuntimeException e) {
			so.close();
			throw e;
		}
	}
}
