package dev.chorus.room.stage;

import dev.chorus.room.RoomServiceProperties;
import dev.chorus.room.system.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The region a member's voice is placed in: the one the client names, else the one the gateway
 * that carried the request names in {@code chorus.room.region-header} (a regional gateway sets it,
 * so browsers land on their region's bridges without choosing), else none: voice-service's
 * default region.
 */
@Component
public class VoiceRegion {

    /** What a region name looks like, in a request body or the header. */
    public static final String NAME = "[a-z0-9-]{1,32}";
    private static final Pattern VALID = Pattern.compile(NAME);

    private final String header;

    VoiceRegion(RoomServiceProperties properties) {
        this.header = properties.regionHeader();
    }

    /** {@code requested} when set (already validated), else the gateway's, else null. */
    public String of(String requested, HttpServletRequest request) {
        if (requested != null || header.isEmpty()) {
            return requested;
        }
        String fromGateway = request.getHeader(header);
        if (fromGateway == null || fromGateway.isBlank()) {
            return null;
        }
        String region = fromGateway.strip();
        if (!VALID.matcher(region).matches()) {
            throw ApiProblem.badRequest("invalid-input", header + ": must be a region name (" + NAME + ")");
        }
        return region;
    }
}
