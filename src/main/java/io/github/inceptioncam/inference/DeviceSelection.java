package io.github.inceptioncam.inference;

import ai.djl.Device;

/** The device chosen for a model, and why. */
public final class DeviceSelection {
	private final Device device;
	private final String reason;

	DeviceSelection(Device device, String reason) {
		this.device = device;
		this.reason = reason;
	}

	public Device device() {
		return device;
	}

	public boolean isGpu() {
		return device.isGpu();
	}

	/** "cpu" or "gpu:N", as reported in every result. */
	public String name() {
		return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
	}

	public String reason() {
		return reason;
	}
}
