package dev.chorus.room.account;

/** What anyone may see of a user: never the password hash. */
public record UserView(String id, String username, String displayName, String bio) {

    static UserView of(User user) {
        return new UserView(user.id(), user.username(), user.displayName(), user.bio());
    }
}
