package io.github.inceptioncam.inference;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ONNX Runtime's CUDA provider set up for throughput with fixed batch shapes. The option map is a pure
 * function (tested without a GPU); only {@link #addTo} touches the native provider.
 */
public final class CudaOptions {
	private CudaOptions() {}

	/**
	 * The provider options for device {@code deviceId}: cuDNN picks convolution algorithms by heuristic
	 * (no exhaustive benchmark per new shape), the memory arena grows by exactly what is requested (no
	 * power-of-two over-allocation at large batches), and copies run on the compute stream.
	 */
	public static Map<String, String> throughput(int deviceId) {
		if (deviceId < 0) throw new IllegalArgumentException("CUDA device id must be 0 or more, not " + deviceId);
		Map<String, String> m = new LinkedHashMap<>();
		m.put("device_id", Integer.toString(deviceId));
		m.put("cudnn_conv_algo_search", "HEURISTIC");
		m.put("arena_extend_strategy", "kSameAsRequested");
		m.put("do_copy_in_default_stream", "1");
		return Collections.unmodifiableMap(m);
	}

	/** Adds the CUDA provider with these options; fails (OrtException) where CUDA cannot load. */
	public static void addTo(OrtSession.SessionOptions so, Map<String, String> options) throws OrtException {
		int device = Integer.parseInt(options.getOrDefault("device_id", "0"));
		try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(device)) {
			for (Map.Entry<String, String> e : options.entrySet()) {
				if (!e.getKey().equals("device_id")) cuda.add(e.getKey(), e.getValue());
			}
			so.addCUDA(cuda);
		}
	}
}
