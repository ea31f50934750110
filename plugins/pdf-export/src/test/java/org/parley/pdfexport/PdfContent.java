package org.parley.pdfexport;

import java.io.IOException;
import java.util.Calendar;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * What a PDF holds, read back with PDFBox: its text, pages, embedded images, paper size, creation date and ID.
 *
 * @param text    the text of every page, as PDFBox extracts it
 * @param pages   how many pages
 * @param images  image XObjects over all pages
 * @param width   the first page's width, in points
 * @param height  the first page's height, in points
 * @param created the document's creation date
 * @param id      the first half of the trailer's ID
 */
record PdfContent(String text, int pages, int images, float width, float height, Calendar created, byte[] id) {

    static PdfContent of(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int images = 0;
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getXObjectNames()) {
                    if (resources.getXObject(name) instanceof PDImageXObject) {
                        images++;
                    }
                }
            }
            PDPage first = document.getPage(0);
            COSArray ids = document.getDocument().getTrailer().getCOSArray(COSName.ID);
            return new PdfContent(new PDFTextStripper().getText(document), document.getNumberOfPages(), images,
                    first.getMediaBox().getWidth(), first.getMediaBox().getHeight(),
                    document.getDocumentInformation().getCreationDate(),
                    ids == null ? null : ((COSString) ids.getObject(0)).getBytes());
        }
    }

    /** The text of one page (1 is the first). */
    static String page(byte[] pdf, int number) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(number);
            stripper.setEndPage(number);
            return stripper.getText(document);
        }
    }
}
