package dev.lethe.ui.requests;

import dev.lethe.catalog.change.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** On the request pages an unknown request, package or receipt (or another tenant's) is the 404 page. */
@ControllerAdvice(assignableTypes = {RequestPages.class, RequestPageActions.class})
class RequestPageProblems {

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound() {
        ModelAndView view = new ModelAndView("error", HttpStatus.NOT_FOUND);
        view.addObject("status", 404);
        return view;
    }
}
