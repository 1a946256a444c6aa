package dev.lethe.ui.shell;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in home page: where the shell starts. */
@Controller
@WebPage
@OpenPage
class HomeController {

    @GetMapping("/")
    String home() {
        return "home/home";
    }
}
