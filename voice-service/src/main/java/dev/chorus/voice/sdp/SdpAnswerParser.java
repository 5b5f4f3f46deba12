package dev.chorus.voice.sdp;

import dev.chorus.voice.colibri.AudioSourceSpec;
import dev.chorus.voice.colibri.DtlsFingerprint;
import dev.chorus.voice.colibri.IceCandidate;
import dev.chorus.voice.colibri.IceTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a browser's answer to an offer from {@link SdpOfferBuilder}. Everything is bundled, so the
 * transport attributes are taken from the first place they appear (session level or any section);
 * candidates are collected from every section without duplicates; the sent source is the first
 * {@code a=ssrc} of section {@code mid:0} when that section sends.
 */
public final class SdpAnswerParser {

    private SdpAnswerParser() {
    }

    public static SdpAnswer parse(String sdp) {
        if (sdp == null || !sdp.startsWith("v=0")) {
            throw new InvalidSdpException("not an SDP description (it must start with v=0)");
        }
        String ufrag = null;
        String pwd = null;
        String setup = null;
        String fingerprintHash = null;
        String fingerprint = null;
        List<IceCandidate> candidates = new ArrayList<>();
        List<String> seenCandidates = new ArrayList<>();
        String mid = null;
        String direction = "sendrecv";
        String mainDirection = null;
        Long ssrc = null;
        String msid = null;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                if ("0".equals(mid)) {
                    mainDirection = direction;
                }
                mid = null;
                direction = "sendrecv";
            } else if (line.startsWith("a=mid:")) {
                mid = line.substring(6);
            } else if (line.equals("a=sendrecv") || line.equals("a=sendonly") || line.equals("a=recvonly")
                    || line.equals("a=inactive")) {
                direction = line.substring(2);
            } else if (line.startsWith("a=ice-ufrag:") && ufrag == null) {
                ufrag = line.substring(12);
            } else if (line.startsWith("a=ice-pwd:") && pwd == null) {
                pwd = line.substring(10);
            } else if (line.startsWith("a=setup:") && setup == null) {
                setup = line.substring(8);
            } else if (line.startsWith("a=fingerprint:") && fingerprint == null) {
                String[] parts = line.substring(14).split(" ", 2);
                if (parts.length == 2) {
                    fingerprintHash = parts[0];
                    fingerprint = parts[1].strip();
                }
            } else if (line.startsWith("a=candidate:")) {
                String body = line.substring(12);
                if (!seenCandidates.contains(body)) {
                    seenCandidates.add(body);
                    candidates.add(candidate(body));
                }
            } else if (line.startsWith("a=ssrc:") && "0".equals(mid) && ssrc == null) {
                ssrc = ssrc(line);
            } else if (line.startsWith("a=msid:") && "0".equals(mid)) {
                msid = line.substring(7);
            }
        }
        if ("0".equals(mid)) {
            mainDirection = direction;
        }
        if (ufrag == null || pwd == null) {
            throw new InvalidSdpException("the answer has no ICE credentials (a=ice-ufrag, a=ice-pwd)");
        }
        if (fingerprint == null) {
            throw new InvalidSdpException("the answer has no DTLS fingerprint (a=fingerprint)");
        }
        if (setup == null || !(setup.equals("active") || setup.equals("passive"))) {
            throw new InvalidSdpException("the answer must take a DTLS role (a=setup:active or passive), got " + setup);
        }
        if (mainDirection == null) {
            throw new InvalidSdpException("the answer has no section mid:0");
        }
        boolean sends = mainDirection.equals("sendonly") || mainDirection.equals("sendrecv");
        AudioSourceSpec source = sends && ssrc != null ? new AudioSourceSpec(ssrc, msid) : null;
        IceTransport transport = new IceTransport(ufrag, pwd,
                List.of(new DtlsFingerprint(fingerprintHash, fingerprint, setup)), candidates);
        return new SdpAnswer(transport, source);
    }

    private static IceCandidate candidate(String body) {
        String[] f = body.split(" ");
        if (f.length < 8 || !"typ".equals(f[6])) {
            throw new InvalidSdpException("unreadable candidate: " + body);
        }
        String relAddr = null;
        String relPort = null;
        String generation = "0";
        for (int i = 8; i + 1 < f.length; i += 2) {
            switch (f[i]) {
                case "raddr" -> relAddr = f[i + 1];
                case "rport" -> relPort = f[i + 1];
                case "generation" -> generation = f[i + 1];
                default -> { }
            }
        }
        return new IceCandidate(f[0], f[1], f[2].toLowerCase(), f[3], f[4], f[5], f[7], generation, relAddr, relPort);
    }

    private static long ssrc(String line) {
        String value = line.substring(7).split(" ", 2)[0];
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidSdpException("unreadable ssrc: " + line);
        }
    }
}
