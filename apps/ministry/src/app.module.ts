import { Module } from '@nestjs/common';
import { HttpEdgeModule } from '@simpul/http';

@Module({
  imports: [HttpEdgeModule.forService('ministry')],
})
export class AppModule {}
