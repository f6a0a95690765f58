/* workbook.h — an sgf_host over the calling Calc document (SG_WHY). */
#ifndef SG_WORKBOOK_H
#define SG_WORKBOOK_H

#include "uno_c.h"

#define SGU_MAX_CELL_ARGS 8

typedef struct sgu_workbook {
  sgf_host host;                            /* host.ctx points back here */
  uno_Interface *document;                  /* the hidden XPropertySet, borrowed */
  uno_Interface *cells[SGU_MAX_CELL_ARGS];  /* XCellRange per cell argument, borrowed */
  uno_Interface *sheet;                     /* the target's sheet (XCellRange), owned */
  char sheet_name[128];
} sgu_workbook;

void sgu_workbook_init(sgu_workbook *wb, uno_Interface *document);
void sgu_workbook_done(sgu_workbook *wb);

#endif
