package dev.lethe.ui.users;

import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.users.UserRequests.Change;
import dev.lethe.ui.users.UserRequests.Invitation;
import dev.lethe.ui.users.UserRequests.Invited;
import dev.lethe.ui.users.UserRequests.PasswordReset;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's people, for its ADMINs, over the API: what {@link UserManagement} does (invite, change
 * roles, disable and enable, reset a lost second factor or a forgotten password), every change audited
 * there.
 */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN')")
class UsersController {

    private final UserManagement users;

    UsersController(UserManagement users) {
        this.users = users;
    }

    @GetMapping
    List<UserView> list(LetheAuthentication caller) {
        return users.list(caller.tenantId()).stream().map(UserView::of).toList();
    }

    @GetMapping("/{id}")
    UserView one(LetheAuthentication caller, @PathVariable UUID id) {
        return UserView.of(users.find(caller.tenantId(), id));
    }

    @PostMapping
    ResponseEntity<Invited> invite(LetheAuthentication caller, @RequestBody Invitation invitation) {
        Invited invited = users.invite(caller.tenantId(), caller.actor(), invitation);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Cache-Control", "no-store")
                .body(invited);
    }

    /** The old password stops working and the person's sessions end; the answer's link is shown only here. */
    @PostMapping("/{id}/password-reset")
    ResponseEntity<PasswordReset> resetPassword(LetheAuthentication caller, @PathVariable UUID id) {
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(users.resetPassword(caller, id));
    }

    @PutMapping("/{id}")
    UserView change(LetheAuthentication caller, @PathVariable UUID id, @RequestBody Change change) {
        return UserView.of(users.change(caller, id, change));
    }
}
