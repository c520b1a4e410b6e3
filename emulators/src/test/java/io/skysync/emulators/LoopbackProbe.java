package io.skysync.emulators;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Checks from the outside which addresses a port accepts connections on. */
final class LoopbackProbe {
    private LoopbackProbe() {
    }

    static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Addresses that a wildcard bind would accept but a 127.0.0.1 bind must not: 127.0.0.2 (on Linux
     * the whole 127/8 is local) and every non-loopback address of this machine.
     */
    static List<InetAddress> otherLocalAddresses() throws IOException {
        List<InetAddress> out = new ArrayList<>();
        out.add(InetAddress.getByName("127.0.0.2"));
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        out.add(address);
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: 127.0.0.2 is still checked
        }
        return out;
    }
}
