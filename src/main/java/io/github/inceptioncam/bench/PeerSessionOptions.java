package io.github.inceptioncam.bench;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.CudaOptions;
import io.github.inceptioncam.inference.DeviceChoice;
import io.github.inceptioncam.inference.EngineSettings;

/**
 * Session options of the raw ONNX Runtime peer: our engine's own ({@link CamEngine#sessionOptions}, so the
 * two cannot drift apart), and on the GPU the CUDA provider with {@link CudaOptions#throughput}.
 */
final class PeerSessionOptions {
	private PeerSessionOptions() {}

	static OrtSession.SessionOptions create(int intraOpThreads, boolean spinning, boolean gpu) throws OrtException {
		OrtSession.SessionOptions so = CamEngine.sessionOptions(
			EngineSettings.of(DeviceChoice.CPU).withThreads(intraOpThreads).withSpinning(spinning));
		try {
			if (gpu) CudaOptions.addTo(so, CudaOptions.throughput(0));
			return so;
		} catch (OrtException | RuntimeException e) {
			so.close();
			throw e;
		}
	}
}
